package org.synapticgeometry.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.stats.DeltaCdf;
import org.synapticgeometry.stats.Normal;
import org.synapticgeometry.stats.Scopes;
import org.synapticgeometry.stats.StatisticSet;
import org.synapticgeometry.stats.WeightChangeScorer;
import org.synapticgeometry.stats.WeightLayer;

/**
 * The {@code score} suite of {@code sgeo bench}: one snapshot pair of n weights (the sizes of
 * {@code --deltacdf-sizes}) scored in the paper's five candidate spaces, against the paper's grid
 * method reimplemented as the public code computes it (dual map, Δ/std, then for each of the 1000
 * grid points the fraction of all n values below it: O(n·1000)). The baseline is timed on one
 * candidate (its cost is the same for every candidate: the n·1000 comparisons dwarf the dual map)
 * and the ratio is taken against five times that; it is skipped above 10⁷ weights, where it would
 * run for tens of minutes. The same weights stored as float64 are scored too, timed against float32.
 */
final class ScoreBenchmark implements Bench.Suite {
    private static final long BASELINE_LIMIT = 10_000_000L;

    @Override
    public String name() {
        return "score";
    }

    @Override
    public List<Bench.Row> run(Bench.Settings s, PrintWriter progress) {
        List<Bench.Row> rows = new ArrayList<>();
        List<Potential> candidates = Potentials.paperCandidates();
        for (long size : s.deltaCdfSizes()) {
            int n = Math.toIntExact(size);
            float[] init = logNormal(n, s.seed());
            float[] fin = perturbed(init, s.seed() + 1);
            List<WeightLayer> layers = List.of(new WeightLayer("w", init, fin));
            Runnable quickRun = () -> scoreAll(layers, candidates, StatisticSet.QUICK);
            long cpu0 = processCpuNanos();
            quickRun.run();
            double quickCpu = (processCpuNanos() - cpu0) / 1e6;
            double quick;
            double baseline = Double.NaN;
            if (size <= BASELINE_LIMIT) {
                Bench.Paired p = Bench.paired(0, 1, () -> paperGridMethod(init, fin, Potentials.parse("2-norm")), quickRun);
                quick = p.millis();
                baseline = p.baselineMillis();
                rows.add(new Bench.Row(name(), "paper grid method, 1 candidate", n, baseline, "", 1.0));
            } else {
                quick = millis(quickRun);
            }
            double full = millis(() -> scoreAll(layers, candidates, StatisticSet.FULL));
            double five = 5 * baseline;
            rows.add(new Bench.Row(name(), "5 cand.: exact ΔCDF+KS+magnitude", n, quick, "5 x paper grid", quick / five));
            rows.add(new Bench.Row(name(), "5 cand.: all statistics", n, full, "5 x paper grid", full / five));
            List<WeightLayer> wide = List.of(new WeightLayer("w", widen(init), widen(fin)));
            double[] float64 = float64Cost(quickRun, () -> scoreAll(wide, candidates, StatisticSet.QUICK));
            rows.add(new Bench.Row(name(), "5 cand.: same, float64 weights", n, float64[0], "same, float32", float64[1]));
            progress.println(String.format("bench score n=%d: 5 candidates %.0f ms wall (%.0f ms CPU of all threads in"
                    + " the warm-up call), all statistics %.0f ms; paper grid method %.0f ms per candidate, %.1fx slower"
                    + " than ours for 5; peak heap %d MB; load average %.1f", n, quick, quickCpu, full, baseline,
                    five / quick, peakHeapMb(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            progress.flush();
        }
        return rows;
    }

    private static double scoreAll(List<WeightLayer> layers, List<Potential> candidates, StatisticSet set) {
        WeightChangeScorer scorer = WeightChangeScorer.of(layers, new Scopes(true, false, false), set);
        double sum = 0;
        for (Potential p : candidates) {
            sum += scorer.score(p).scopes().get(Scopes.POOLED).deltaCdf();
        }
        return sum;
    }

    /**
     * The public code's method, elementwise as numpy evaluates it: Δ, its std, z = Δ/std, then for
     * every grid point the mean of {@code z < x} over all values, plus the change magnitude.
     */
    static double paperGridMethod(float[] init, float[] fin, Potential candidate) {
        int n = init.length;
        float[] z = new float[n];
        double sum = 0;
        double sumSq = 0;
        double initSq = 0;
        for (int i = 0; i < n; i++) {
            double d0 = candidate.toDual(init[i]);
            z[i] = (float) (candidate.toDual(fin[i]) - d0);
            sum += z[i];
            sumSq += (double) z[i] * z[i];
            initSq += d0 * d0;
        }
        double mean = sum / n;
        double var = 0;
        for (float v : z) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / (n - 1));
        for (int i = 0; i < n; i++) {
            z[i] = (float) (z[i] / std);
        }
        double h = (DeltaCdf.UPPER - DeltaCdf.LOWER) / (DeltaCdf.GRID_POINTS - 1);
        double total = 0;
        for (int k = 0; k < DeltaCdf.GRID_POINTS; k++) {
            double x = DeltaCdf.LOWER + k * h;
            long below = 0;
            for (float v : z) {
                below += v < x ? 1 : 0;
            }
            total += Math.abs((double) below / n - Normal.cdf(x));
        }
        return total * h + Math.sqrt(sumSq / initSq);
    }

    /**
     * Wall time of scoring the same weights stored as float64, and its ratio to float32: calls alternate
     * (3 rounds after one warm-up each) and the ratio is the median of the per-round wall-time ratios (wall
     * time, as scoring runs on every core).
     */
    private static double[] float64Cost(Runnable float32, Runnable float64) {
        float32.run();
        float64.run();
        double[] ratios = new double[3];
        double[] times = new double[3];
        for (int i = 0; i < ratios.length; i++) {
            double t32 = millis(float32);
            times[i] = millis(float64);
            ratios[i] = times[i] / t32;
        }
        Arrays.sort(ratios);
        Arrays.sort(times);
        return new double[] {times[1], ratios[1]};
    }

    private static double[] widen(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    private static double millis(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1e6;
    }

    /** CPU time of the whole process (all threads), or 0 where the JVM does not report it. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** The most heap the JVM has held so far (sum of the heap pools' peaks). */
    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    private static float[] logNormal(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((r.nextBoolean() ? 1 : -1) * Math.exp(0.5 * r.nextGaussian()));
        }
        return x;
    }

    private static float[] perturbed(float[] init, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[init.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = init[i] + 0.01f * (float) r.nextGaussian();
        }
        return x;
    }
}
