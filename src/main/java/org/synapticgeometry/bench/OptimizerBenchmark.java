package org.synapticgeometry.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.optim.MirrorDescent;
import org.synapticgeometry.optim.MomentumFloor;

/**
 * One optimizer update (momentum 0.9, the paper's setting) on a float32 tensor, for every paper
 * potential plus hypentropy, as a ratio to DJL's built-in {@code Sgd} with the same momentum: the
 * fused step that {@link MirrorDescent} takes on the CPU, and the chain of libtorch ops it takes
 * on a GPU (or without the Vector API). Where the fused step runs, each potential's fused step is
 * also timed against the {@link MomentumFloor}, a plain momentum-SGD sweep over the same arrays:
 * the least memory traffic a momentum step can have.
 */
final class OptimizerBenchmark implements Bench.Suite {
    private static final List<String> POTENTIALS = List.of("2-norm", "3-norm", "1.5-norm", "2.5-norm",
            "negative_entropy", "hypentropy:0.1");
    private static final String BASELINE = "DJL Sgd";
    private static final String FLOOR = "momentum floor";
    private static final float RATE = 1e-3f;
    private static final float MOMENTUM = 0.9f;

    @Override
    public String name() {
        return "optim";
    }

    @Override
    public List<Bench.Row> run(Bench.Settings s, PrintWriter progress) {
        List<Bench.Row> rows = new ArrayList<>();
        float[] w0 = weights(s.tensorSize(), s.seed());
        float[] g = weights(s.tensorSize(), s.seed() + 1);
        List<Bench.Paired> againstSgd = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(); NDArray grad = manager.create(g).muli(1e-3f);
                NDArray sgdWeight = manager.create(w0); NDArray weight = manager.create(w0);
                NDArray floorWeight = manager.create(w0); NDArray floorMomentum = floorWeight.zerosLike()) {
            Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(RATE)).optMomentum(MOMENTUM).build();
            Runnable sgdStep = () -> sgd.update("w", sgdWeight, grad);
            Runnable floorStep = () -> MomentumFloor.step(floorWeight, grad, floorMomentum, RATE, MOMENTUM);
            if (MomentumFloor.available()) {
                Bench.Paired t = Bench.paired(s.warmup(), s.repeats(), sgdStep, floorStep);
                rows.add(row(s, FLOOR + " (b = μb + g, w −= ηb)", BASELINE, t, progress));
            }
            for (boolean fused : new boolean[] {true, false}) {
                for (String name : POTENTIALS) {
                    MirrorDescent md = mirrorDescent(Potentials.parse(name), fused);
                    Bench.Paired t = timeAgainst(s, sgdStep, md, weight, grad, w0);
                    againstSgd.add(t);
                    rows.add(row(s, label(md), BASELINE, t, progress));
                }
            }
            if (MomentumFloor.available()) {
                for (String name : POTENTIALS) {
                    MirrorDescent md = mirrorDescent(Potentials.parse(name), true);
                    rows.add(row(s, label(md), FLOOR, timeAgainst(s, floorStep, md, weight, grad, w0), progress));
                }
            }
        }
        Bench.Paired base = againstSgd.stream().sorted(Comparator.comparingDouble(Bench.Paired::baselineCpuMillis))
                .toList().get(againstSgd.size() / 2);
        rows.add(0, new Bench.Row(name(), BASELINE + " (momentum 0.9)", s.tensorSize(), base.baselineMillis(),
                base.baselineCpuMillis(), "", 1.0));
        return rows;
    }

    private static MirrorDescent mirrorDescent(Potential p, boolean fused) {
        return MirrorDescent.builder().setPotential(p).setLearningRateTracker(Tracker.fixed(RATE)).optMomentum(MOMENTUM)
                .optFusedStep(fused).build();
    }

    private static String label(MirrorDescent md) {
        return "MirrorDescent " + md.potential().name() + (md.isFused() ? " (fused)" : " (libtorch ops)");
    }

    /** Times one update of {@code md} on {@code weight}, reset to {@code w0}, alternately with {@code baseline}. */
    private static Bench.Paired timeAgainst(Bench.Settings s, Runnable baseline, MirrorDescent md, NDArray weight,
            NDArray grad, float[] w0) {
        weight.set(w0);
        String id = md.potential().name();
        return Bench.paired(s.warmup(), s.repeats(), baseline, () -> md.update(id, weight, grad));
    }

    private Bench.Row row(Bench.Settings s, String label, String baseline, Bench.Paired t, PrintWriter progress) {
        progress.println(String.format(Locale.ROOT, "bench optim: %s %.3f cpu ms, %s %.3f cpu ms", label, t.cpuMillis(),
                baseline, t.baselineCpuMillis()));
        return new Bench.Row(name(), label, s.tensorSize(), t.millis(), t.cpuMillis(), baseline, t.ratio());
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
