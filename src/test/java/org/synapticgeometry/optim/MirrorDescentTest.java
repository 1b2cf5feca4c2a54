package org.synapticgeometry.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.synapticgeometry.geometry.Potentials;

class MirrorDescentTest {

    /**
     * Two steps (so the momentum buffer is exercised) with weight decay, momentum and dampening,
     * against the update rule written out independently in double precision.
     */
    @ParameterizedTest(name = "fused step {0}")
    @ValueSource(booleans = {true, false})
    void twoStepsMatchDoublePrecisionRule(boolean fused) {
        float[] w0 = {0.8f, -0.3f, 1.7f, -2.2f, 0.05f};
        float[][] grads = {{0.4f, -1.1f, 0.25f, 0.9f, -0.3f}, {-0.2f, 0.6f, 0.35f, -0.7f, 0.15f}};
        double eta = 0.07;
        double mu = 0.9;
        double tau = 0.1;
        double lambda = 0.01;
        for (String name : new String[] {"3-norm", "negative_entropy", "2-norm"}) {
            double[] expected = expectedAfterSteps(name, w0, grads, eta, mu, tau, lambda);
            MirrorDescent opt = MirrorDescent.builder().setPotential(Potentials.parse(name))
                    .setLearningRateTracker(Tracker.fixed((float) eta)).optMomentum((float) mu)
                    .optDampening((float) tau).optWeightDecays((float) lambda).optFusedStep(fused).build();
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray w = m.create(w0);
                for (float[] g : grads) {
                    NDArray grad = m.create(g);
                    opt.update("w", w, grad);
                    assertThat(grad.toFloatArray()).as("grad untouched").containsExactly(g);
                }
                float[] got = w.toFloatArray();
                for (int i = 0; i < got.length; i++) {
                    // float32 vs double through two steps: relative 1e-5
                    assertThat((double) got[i]).as("%s index %d", name, i)
                            .isCloseTo(expected[i], within(1e-5 * Math.abs(expected[i]) + 1e-7));
                }
            }
        }
    }

    /** The rule of docs/science.md (Mirror descent) with the dual maps written in closed form, not through geometry. */
    private static double[] expectedAfterSteps(String name, float[] w0, float[][] grads, double eta, double mu,
            double tau, double lambda) {
        double[] w = new double[w0.length];
        double[] buf = new double[w0.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = w0[i];
        }
        for (int step = 0; step < grads.length; step++) {
            for (int i = 0; i < w.length; i++) {
                double d = grads[step][i] + lambda * w[i];
                buf[i] = step == 0 ? d : mu * buf[i] + (1 - tau) * d;
                double s = Math.signum(w[i]);
                switch (name) {
                    case "3-norm" -> {
                        double theta = s * w[i] * w[i] - eta * buf[i];
                        w[i] = Math.signum(theta) * Math.sqrt(Math.abs(theta));
                    }
                    case "negative_entropy" -> w[i] = s * Math.exp(s * (s * (Math.log(Math.abs(w[i])) + 1)
                            - eta * buf[i]) - 1);
                    default -> w[i] -= eta * buf[i];
                }
            }
        }
        return w;
    }

    /** With the 2-norm, mirror descent is DJL's SGD with momentum (constant rate) on a real MLP. */
    @Test
    void euclideanMirrorDescentEqualsDjlSgdOver100Steps() {
        Tracker lr = Tracker.fixed(0.05f);
        Optimizer sgd = Optimizer.sgd().setLearningRateTracker(lr).optMomentum(0.9f).build();
        Optimizer md = MirrorDescent.builder().setPotential(Potentials.parse("2-norm"))
                .setLearningRateTracker(lr).optMomentum(0.9f).build();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(32, 6));
            NDArray y = m.randomInteger(0, 3, new Shape(32), ai.djl.ndarray.types.DataType.INT32);
            try (Model a = mlp("sgd"); Model b = mlp("md");
                    Trainer ta = trainer(a, sgd, null); Trainer tb = trainer(b, md, ta)) {
                float[] initial = flatParameters(ta);
                for (int step = 0; step < 100; step++) {
                    trainStep(ta, x, y);
                    trainStep(tb, x, y);
                }
                float[] ref = flatParameters(ta);
                float[] got = flatParameters(tb);
                double moved = 0;
                for (int i = 0; i < ref.length; i++) {
                    moved = Math.max(moved, Math.abs(ref[i] - initial[i]));
                    // 100 float32 steps of a different but equivalent association (η·(μb+g) vs μ(ηb)+ηg)
                    assertThat(got[i]).as("parameter value %d", i).isCloseTo(ref[i], within(1e-4f + 1e-4f * Math.abs(ref[i])));
                }
                assertThat(moved).as("training changed the weights").isGreaterThan(0.05);
            }
        }
    }

    /** Exponentiated gradient never flips a sign and keeps exact zeros at zero over 1000 steps. */
    @Test
    void negativeEntropyKeepsSignsAndZerosOver1000RandomSteps() {
        MirrorDescent opt = MirrorDescent.builder().setPotential(Potentials.parse("negative_entropy"))
                .setLearningRateTracker(Tracker.fixed(0.05f)).optMomentum(0.9f).build();
        float[] w0 = MirrorMapTest.randomWeights(2000, 17);
        for (int i = 0; i < w0.length; i += 10) {
            w0[i] = 0f;
        }
        SplittableRandom r = new SplittableRandom(23);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(w0);
            for (int step = 0; step < 1000; step++) {
                float[] g = new float[w0.length];
                for (int i = 0; i < g.length; i++) {
                    g[i] = (float) (r.nextGaussian() * 0.3);
                }
                try (NDArray grad = m.create(g)) {
                    opt.update("w", w, grad);
                }
                if (step % 100 == 99 || step == 0) {
                    assertSignsKept(w0, w.toFloatArray(), step);
                }
            }
        }
    }

    private static void assertSignsKept(float[] w0, float[] w, int step) {
        int changed = 0;
        for (int i = 0; i < w.length; i++) {
            if (Math.signum(w[i]) != Math.signum(w0[i])) {
                changed++;
            }
        }
        assertThat(changed).as("weights whose sign (incl. zero) changed by step %d", step).isZero();
    }

    @Test
    void builderRejectsMissingOrInvalidSettings() {
        assertThatThrownBy(() -> MirrorDescent.builder().setLearningRateTracker(Tracker.fixed(0.1f)).build())
                .hasMessageContaining("setPotential");
        assertThatThrownBy(() -> MirrorDescent.builder().setPotential(Potentials.parse("gd"))
                .setLearningRateTracker(Tracker.fixed(0.1f)).optMomentum(1.5f).build()).hasMessageContaining("momentum");
        assertThatThrownBy(() -> MirrorDescent.builder().setPotential(Potentials.parse("gd"))
                .setLearningRateTracker(Tracker.fixed(0.1f)).optNesterov(true).build()).hasMessageContaining("Nesterov");
    }

    private static Model mlp(String name) {
        Model model = Model.newInstance(name, "PyTorch");
        model.setBlock(new SequentialBlock().add(Linear.builder().setUnits(16).build()).add(Activation::tanh)
                .add(Linear.builder().setUnits(3).build()));
        return model;
    }

    /** A trainer; when {@code copyFrom} is given, its initial parameters are copied in. */
    private static Trainer trainer(Model model, Optimizer optimizer, Trainer copyFrom) {
        Trainer t = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(optimizer));
        t.initialize(new Shape(32, 6));
        if (copyFrom != null) {
            List<Parameter> src = copyFrom.getModel().getBlock().getParameters().values();
            List<Parameter> dst = model.getBlock().getParameters().values();
            for (int i = 0; i < dst.size(); i++) {
                dst.get(i).getArray().set(src.get(i).getArray().toFloatArray());
            }
        }
        return t;
    }

    private static void trainStep(Trainer t, NDArray x, NDArray y) {
        try (GradientCollector gc = t.newGradientCollector()) {
            NDArray pred = t.forward(new NDList(x)).singletonOrThrow();
            NDArray loss = t.getLoss().evaluate(new NDList(y), new NDList(pred));
            gc.backward(loss);
        }
        t.step();
    }

    private static float[] flatParameters(Trainer t) {
        List<Float> all = new ArrayList<>();
        for (Pair<String, Parameter> p : t.getModel().getBlock().getParameters()) {
            for (float v : p.getValue().getArray().toFloatArray()) {
                all.add(v);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }
}
