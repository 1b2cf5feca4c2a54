package org.synapticgeometry.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.optim.MirrorDescent;

/**
 * One optimizer update (momentum 0.9, the paper's setting) on a float32 tensor, for every paper
 * potential plus hypentropy, as a ratio to DJL's built-in {@code Sgd} with the same momentum: the
 * fused step that {@link MirrorDescent} takes on the CPU, and the chain of libtorch ops it takes
 * on a GPU (or without the Vector API).
 */
final class OptimizerBenchmark implements Bench.Suite {
    private static final List<String> POTENTIALS = List.of("2-norm", "3-norm", "1.5-norm", "2.5-norm",
            "negative_entropy", "hypentropy:0.1");
    private static final String BASELINE = "DJL Sgd";

    @Override
    public String name() {
        return "optim";
    }

    @Override
    public List<Bench.Row> run(Bench.Settings s, PrintWriter progress) {
        List<Bench.Row> rows = new ArrayList<>();
        float[] w0 = weights(s.tensorSize(), s.seed());
        float[] g = weights(s.tensorSize(), s.seed() + 1);
        List<Bench.Paired> baseline = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(); NDArray grad = manager.create(g).muli(1e-3f);
                NDArray sgdWeight = manager.create(w0); NDArray weight = manager.create(w0)) {
            Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(1e-3f)).optMomentum(0.9f).build();
            for (boolean fused : new boolean[] {true, false}) {
                for (String name : POTENTIALS) {
                    Potential p = Potentials.parse(name);
                    MirrorDescent md = MirrorDescent.builder().setPotential(p).setLearningRateTracker(Tracker.fixed(1e-3f))
                            .optMomentum(0.9f).optFusedStep(fused).build();
                    String label = "MirrorDescent " + p.name() + (md.isFused() ? " (fused)" : " (libtorch ops)");
                    weight.set(w0);
                    Bench.Paired t = Bench.paired(s.warmup(), s.repeats(), () -> sgd.update("w", sgdWeight, grad),
                            () -> md.update(p.name(), weight, grad));
                    baseline.add(t);
                    rows.add(new Bench.Row(name(), label, s.tensorSize(), t.millis(), t.cpuMillis(), BASELINE, t.ratio()));
                    progress.println(String.format(Locale.ROOT, "bench optim: %s %.3f cpu ms, %s %.3f cpu ms", label,
                            t.cpuMillis(), BASELINE, t.baselineCpuMillis()));
                }
            }
        }
        Bench.Paired base = baseline.stream().sorted(java.util.Comparator.comparingDouble(Bench.Paired::baselineCpuMillis))
                .toList().get(baseline.size() / 2);
        rows.add(0, new Bench.Row(name(), BASELINE + " (momentum 0.9)", s.tensorSize(), base.baselineMillis(),
                base.baselineCpuMillis(), "", 1.0));
        return rows;
    }

    /** Weights of both signs with magnitudes in [0.01, 1), none zero. */
    private static float[] weights(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) ((r.nextBoolean() ? 1 : -1) * r.nextDouble(0.01, 1.0));
        }
        return w;
    }
}
