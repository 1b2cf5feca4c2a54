package org.synapticgeometry.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.tracker.Tracker;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.geometry.Potentials;

/**
 * The fused CPU step ({@link VectorMirrorStep}) against the scalar double-precision reference of
 * {@code geometry} and against the libtorch op chain. 1003 weights: full vectors plus a tail.
 */
class FusedStepTest {
    /** float32 lanes through roots, exp, expm1 and divisions: a few float ulps, relative. */
    private static final double RTOL = 4e-6;
    private static final double ATOL = 1e-6;
    private static final int N = 1003;

    /** Other p-norms keep the libtorch path (their general powers would not be bit-reproducible). */
    @Test
    void onlyThePapersPNormsAreFused() {
        assertThat(FusedStep.of(Potentials.parse("1.7-norm"))).isNull();
        assertThat(MirrorDescent.builder().setPotential(Potentials.parse("4-norm"))
                .setLearningRateTracker(Tracker.fixed(0.1f)).build().isFused()).isFalse();
        assertThat(FusedStep.of(Potentials.parse("hypentropy:1e19"))).isNull();
    }

    @Test
    void testJvmHasTheVectorApiSoTheFusedPathIsTheOneTested() {
        assertThat(FusedStep.of(Potentials.parse("3-norm"))).isNotNull();
        assertThat(MirrorDescent.builder().setPotential(Potentials.parse("3-norm"))
                .setLearningRateTracker(Tracker.fixed(0.1f)).build().isFused()).isTrue();
        assertThat(MirrorDescent.builder().setPotential(Potentials.parse("3-norm"))
                .setLearningRateTracker(Tracker.fixed(0.1f)).optFusedStep(false).build().isFused()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2-norm", "1.5-norm", "2.5-norm", "3-norm", "negative_entropy", "hypentropy:0.1",
        "hypentropy:2"})
    void oneStepMatchesScalarReference(String name) {
        Potential phi = Potentials.parse(name);
        float[] w = MirrorMapTest.randomWeights(N, 3);
        float[] g = MirrorMapTest.randomWeights(N, 5);
        float eta = 0.05f;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray weight = m.create(w);
            NDArray gradient = m.create(g);
            FusedStep.of(phi).update(DirectViews.of(weight), DirectViews.of(gradient), null, plain(eta), 1);
            float[] got = weight.toFloatArray();
            for (int i = 0; i < N; i++) {
                double expected = phi.toPrimal(phi.toDual(w[i]) - (double) eta * g[i], w[i]);
                assertThat((double) got[i]).as("%s index %d: %s from %s", name, i, got[i], w[i])
                        .isCloseTo(expected, within(ATOL + RTOL * Math.abs(expected)));
            }
        }
    }

    /** Large steps (up to 40 in dual units) and weights far above β still match: no overflow or cancellation. */
    @Test
    void hypentropyLargeWeightsAndStepsMatchReference() {
        Potential phi = Potentials.parse("hypentropy:0.01");
        float[] w = {1e9f, -1e9f, 3e4f, -3e4f, 5f, -5f, 1e-7f, -1e-7f, 0f, 2e-3f, -2e-3f, 1e30f};
        float[] g = {40f, -40f, 10f, 10f, -3f, 3f, 1e-3f, 1e-3f, 2f, 0.1f, -0.1f, 1f};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray weight = m.create(w);
            FusedStep.of(phi).update(DirectViews.of(weight), DirectViews.of(m.create(g)), null, plain(1f), 1);
            float[] got = weight.toFloatArray();
            for (int i = 0; i < w.length; i++) {
                double expected = phi.toPrimal(phi.toDual(w[i]) - g[i], w[i]);
                assertThat((double) got[i]).as("index %d: %s from %s", i, got[i], w[i])
                        .isCloseTo(expected, within(1e-12 + 2e-5 * Math.abs(expected)));
            }
        }
    }

    /**
     * Weight decay, clipping, rescaling, momentum with dampening, or Nesterov: 20 steps of either
     * path against the rule in double precision. Both paths are float32, so errors compound through
     * the steps (most where the p-norm's inverse map is steep, near θ = 0): both stay within 5e-3
     * of the double rule, relative to 1e-4 + |w|.
     */
    @ParameterizedTest
    @ValueSource(strings = {"2-norm", "1.5-norm", "2.5-norm", "3-norm", "negative_entropy",
        "hypentropy:0.1"})
    void everyOptionMatchesTheDoublePrecisionRule(String name) {
        for (boolean nesterov : new boolean[] {false, true}) {
            double[] expected = twentyStepsInDouble(name, nesterov);
            float[] w0 = MirrorMapTest.randomWeights(N, 7);
            for (boolean fused : new boolean[] {true, false}) {
                float[] got = twentySteps(name, nesterov, fused);
                double worst = 0;
                double moved = 0;
                for (int i = 0; i < N; i++) {
                    moved = Math.max(moved, Math.abs(expected[i] - w0[i]));
                    worst = Math.max(worst, Math.abs(got[i] - expected[i]) / (1e-4 + Math.abs(expected[i])));
                }
                // measured worst: 1.5e-3 (3-norm, both paths), 2e-5 to 3e-4 elsewhere; a wrong rule gives > 1e-1
                assertThat(worst).as("%s nesterov=%s fused=%s: worst error relative to 1e-4 + |w|", name, nesterov,
                        fused).isLessThan(5e-3);
                assertThat(moved).as("%s: the steps moved the weights", name).isGreaterThan(1e-2);
            }
        }
    }

    /** A tensor split over 3 threads (uneven chunks plus a tail) gives bit for bit the 1-thread result. */
    @ParameterizedTest
    @ValueSource(strings = {"3-norm", "2.5-norm", "negative_entropy", "hypentropy:0.1"})
    void threadCountDoesNotChangeTheResult(String name) {
        int n = (1 << 19) + 5;
        float[] w = MirrorMapTest.randomWeights(n, 3);
        float[] g = MirrorMapTest.randomWeights(n, 4);
        float[][] single = twoMomentumSteps(name, w, g, 1);
        float[][] split = twoMomentumSteps(name, w, g, 3);
        assertThat(split[0]).as("weights").isEqualTo(single[0]);
        assertThat(split[1]).as("momentum").isEqualTo(single[1]);
        assertThat(single[0]).as("moved").isNotEqualTo(w);
    }

    private static float[][] twoMomentumSteps(String name, float[] w, float[] g, int threads) {
        FusedStep step = FusedStep.of(Potentials.parse(name));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray weight = m.create(w);
            NDArray gradient = m.create(g);
            NDArray momentum = m.zeros(new Shape(w.length));
            for (int update = 0; update < 2; update++) {
                step.update(DirectViews.of(weight), DirectViews.of(gradient), DirectViews.of(momentum),
                        new StepCoefficients(0.01f, 1f, 0f, 0f, 0.9f, 0f, false), threads);
            }
            return new float[][] {weight.toFloatArray(), momentum.toFloatArray()};
        }
    }

    /** Zero weights stay zero when their direction is zero, and under negative entropy whatever it is. */
    @ParameterizedTest
    @ValueSource(strings = {"2-norm", "1.5-norm", "2.5-norm", "3-norm", "negative_entropy",
        "hypentropy:0.1"})
    void zerosStayZero(String name) {
        boolean ne = name.equals("negative_entropy");
        float[] w = new float[N];
        float[] g = new float[N];
        for (int i = 0; i < N; i++) {
            w[i] = i % 3 == 0 ? 1f : 0f;
            g[i] = ne || i % 3 == 0 ? 50f : 0f;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray weight = m.create(w);
            FusedStep.of(Potentials.parse(name)).update(DirectViews.of(weight), DirectViews.of(m.create(g)), null,
                    plain(1f), 1);
            float[] got = weight.toFloatArray();
            for (int i = 0; i < N; i++) {
                if (w[i] == 0f) {
                    assertThat(got[i]).as("%s index %d", name, i).isEqualTo(0f);
                } else {
                    assertThat(got[i]).as("%s index %d moved", name, i).isNotEqualTo(1f);
                }
            }
        }
    }

    /** A non-contiguous weight (a transposed view) is not viewed directly, and still updated right. */
    @Test
    void nonContiguousWeightTakesTheLibtorchPath() {
        float[] w = MirrorMapTest.randomWeights(12, 9);
        float[] g = MirrorMapTest.randomWeights(12, 10);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray contiguous = m.create(w, new Shape(3, 4));
            NDArray view = m.create(w, new Shape(4, 3)).transpose();
            NDArray gradient = m.create(g, new Shape(3, 4));
            DirectViews views = new DirectViews();
            assertThat(views.usable("a", contiguous, gradient)).isTrue();
            assertThat(views.usable("b", view, gradient)).isFalse();
            assertThat(view.toFloatArray()).as("probe left no trace").containsExactly(
                    m.create(w, new Shape(4, 3)).transpose().toFloatArray());
            NDArray expected = view.duplicate();
            MirrorDescent.builder().setPotential(Potentials.parse("3-norm")).setLearningRateTracker(Tracker.fixed(0.1f))
                    .optFusedStep(false).build().update("w", expected, gradient);
            MirrorDescent.builder().setPotential(Potentials.parse("3-norm")).setLearningRateTracker(Tracker.fixed(0.1f))
                    .build().update("w", view, gradient);
            assertThat(view.toFloatArray()).containsExactly(expected.toFloatArray());
            assertThat(view.toFloatArray()).isNotEqualTo(view.toFloatArray().length == 0 ? null : w);
        }
    }

    private static float[] twentySteps(String name, boolean nesterov, boolean fused) {
        MirrorDescent.Builder b = MirrorDescent.builder().setPotential(Potentials.parse(name))
                .setLearningRateTracker(Tracker.fixed(0.02f)).optMomentum(0.9f).optWeightDecays(0.01f)
                .optClipGrad(1.5f).setRescaleGrad(2f).optFusedStep(fused);
        MirrorDescent opt = (nesterov ? b.optNesterov(true) : b.optDampening(0.1f)).build();
        SplittableRandom r = new SplittableRandom(11);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(MirrorMapTest.randomWeights(N, 7));
            for (int step = 0; step < 20; step++) {
                float[] g = new float[N];
                for (int i = 0; i < N; i++) {
                    g[i] = (float) r.nextGaussian();
                }
                try (NDArray grad = m.create(g)) {
                    opt.update("w", w, grad);
                }
            }
            return w.toFloatArray();
        }
    }

    /** The rule of {@link MirrorDescent}'s Javadoc in double, the maps from {@code geometry}. */
    private static double[] twentyStepsInDouble(String name, boolean nesterov) {
        Potential phi = Potentials.parse(name);
        double[] w = toDouble(MirrorMapTest.randomWeights(N, 7));
        double[] b = new double[N];
        SplittableRandom r = new SplittableRandom(11);
        for (int step = 0; step < 20; step++) {
            for (int i = 0; i < N; i++) {
                double d = Math.max(-1.5, Math.min(1.5, 2 * (double) (float) r.nextGaussian())) + 0.01 * w[i];
                b[i] = step == 0 ? d : 0.9 * b[i] + (nesterov ? 1.0 : 0.9) * d;
                double direction = nesterov ? d + 0.9 * b[i] : b[i];
                w[i] = phi.toPrimal(phi.toDual(w[i]) - 0.02 * direction, w[i]);
            }
        }
        return w;
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static StepCoefficients plain(float eta) {
        return new StepCoefficients(eta, 1f, 0f, 0f, 0f, 0f, false);
    }
}
