package org.synapticgeometry.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Micro-benchmarks reported as ratios to a baseline measured in the same process, so that numbers
 * from different machines can be compared. Each {@link Suite} is registered once in
 * {@link #SUITES}; {@code sgeo bench --suite NAME} runs one, {@code all} runs every in-process suite
 * (the {@code finetune} suite, minutes of child processes and a PyTorch peer, runs only by name).
 */
public final class Bench {

    /** Options shared by the suites; {@code threads} is libtorch's intra-op thread count. */
    public record Settings(int tensorSize, long[] deltaCdfSizes, int warmup, int repeats, long seed, int threads,
            FinetuneSettings finetune) {
        /** Copies the array. */
        public Settings {
            deltaCdfSizes = deltaCdfSizes.clone();
        }

        /** Settings for the in-process suites only: one libtorch thread, no finetune settings. */
        public Settings(int tensorSize, long[] deltaCdfSizes, int warmup, int repeats, long seed) {
            this(tensorSize, deltaCdfSizes, warmup, repeats, seed, 1, null);
        }
    }

    /**
     * Options of the {@code finetune} suite.
     *
     * @param archs architectures to fine-tune
     * @param potential the trained potential
     * @param lrGrid comma-separated learning rates of the search
     * @param epochs epochs per rate
     * @param runs alternated rounds (one seed each)
     * @param sgeo the sgeo launcher to time
     * @param python the Python interpreter of the PyTorch peer
     * @param peer the peer script
     * @param work folder of the pretrained networks (made once, kept) and of every run's outputs
     */
    public record FinetuneSettings(List<String> archs, String potential, String lrGrid, int epochs, int runs,
            Path sgeo, String python, Path peer, Path work) {
        /** Copies the list. */
        public FinetuneSettings {
            archs = List.copyOf(archs);
        }

        /** Number of rates in the grid. */
        public int lrGridSize() {
            return lrGrid.split(",").length;
        }
    }

    /**
     * One measured case: median wall and calling-thread CPU time of one call, and the median ratio of CPU
     * times to the baseline case of the same suite timed alternately with it (empty baseline for
     * the baseline itself).
     */
    public record Row(String suite, String name, long size, double medianMillis, double medianCpuMillis,
            String baseline, double ratio) {

        /** A row measured in wall time only (CPU time NaN); the ratio is then a wall-time ratio. */
        public Row(String suite, String name, long size, double medianMillis, String baseline, double ratio) {
            this(suite, name, size, medianMillis, Double.NaN, baseline, ratio);
        }
    }

    /** A named group of measurements. */
    public interface Suite {
        /** The name used by {@code --suite}. */
        String name();

        /** Measures every case of the suite. */
        List<Row> run(Settings settings, PrintWriter progress);

        /** Whether {@code --suite all} runs it. */
        default boolean inAll() {
            return true;
        }
    }

    /** Every suite, in the order {@code all} runs them. Add a suite with one line here. */
    public static final List<Suite> SUITES = List.of(new OptimizerBenchmark(), new DeltaCdfBenchmark(), new ScoreBenchmark(),
            new FinetuneBenchmark());

    private Bench() {
    }

    /** The suite names accepted by {@code --suite}, plus {@code all}. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(SUITES.stream().map(Suite::name).toList());
        names.add("all");
        return names;
    }

    /**
     * Runs one suite, or every suite for {@code all}.
     *
     * @throws IllegalArgumentException for an unknown suite name, listing the valid ones
     */
    public static List<Row> run(String suite, Settings settings, PrintWriter progress) {
        Map<String, Suite> byName = new LinkedHashMap<>();
        SUITES.forEach(s -> byName.put(s.name(), s));
        if (!suite.equals("all") && !byName.containsKey(suite)) {
            throw new IllegalArgumentException("--suite must be one of " + names() + ", found '" + suite + "'");
        }
        List<Row> rows = new ArrayList<>();
        for (Suite s : byName.values()) {
            if (suite.equals("all") ? s.inAll() : s.name().equals(suite)) {
                rows.addAll(s.run(settings, progress));
            }
        }
        return rows;
    }

    /** The rows as a fixed-width table (also valid Markdown). */
    public static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "| %-8s | %-46s | %10s | %10s | %10s | %-16s | %9s |%n", "suite", "case", "size", "wall ms", "cpu ms",
                "baseline", "cpu ratio"));
        b.append("|----------|------------------------------------------------|-----------:|-----------:|-----------:|")
                .append("------------------|----------:|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %-8s | %-46s | %10d | %10.3f | %10.3f | %-16s | %9.2f |%n",
                    r.suite(), r.name(), r.size(), r.medianMillis(), r.medianCpuMillis(), r.baseline(), r.ratio()));
        }
        return b.toString();
    }

    /**
     * Medians of an interleaved comparison: wall and CPU time of the case and of the baseline, and
     * the ratio of CPU times. CPU time is the calling thread's (libtorch runs an op inline on the
     * caller when it has one intra-op thread, see {@code sgeo bench --threads}); it excludes time
     * spent waiting for a core, so the ratio stays meaningful on a loaded machine.
     */
    record Paired(double millis, double cpuMillis, double baselineMillis, double baselineCpuMillis, double ratio) {
    }

    /**
     * Times {@code call} and {@code baseline} alternately, one call each per repeat after
     * {@code warmup} rounds, so that both see the same machine state; the ratio is the median of the
     * per-round CPU-time ratios.
     */
    static Paired paired(int warmup, int repeats, Runnable baseline, Runnable call) {
        for (int i = 0; i < warmup; i++) {
            baseline.run();
            call.run();
        }
        double[][] base = new double[2][repeats];
        double[][] time = new double[2][repeats];
        double[] ratio = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            measure(baseline, base, i);
            measure(call, time, i);
            ratio[i] = time[1][i] / base[1][i];
        }
        return new Paired(median(time[0]), median(time[1]), median(base[0]), median(base[1]), median(ratio));
    }

    /** Runs the call once, storing wall ms in {@code into[0][i]} and this thread's CPU ms in {@code into[1][i]}. */
    private static void measure(Runnable call, double[][] into, int i) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        call.run();
        into[0][i] = (System.nanoTime() - start) / 1e6;
        into[1][i] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
    }

    /** Element-wise {@code a[i] / b[i]}. */
    static double[] ratios(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] / b[i];
        }
        return r;
    }

    /** The median (mean of the middle two for an even count). */
    static double median(double[] values) {
        double[] t = values.clone();
        Arrays.sort(t);
        int n = t.length;
        return n % 2 == 1 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
    }
}
