package org.synapticgeometry.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.stats.DeltaCdf;
import org.synapticgeometry.stats.DualChange;

/**
 * ΔCDF on n Gaussian values: the paper-parity grid sum (the baseline), the exact integral (both on
 * sorted values), and the whole scoring of a snapshot pair in one geometry (dual map, sort, exact
 * and grid, centred and uncentred), for each size.
 */
final class DeltaCdfBenchmark implements Bench.Suite {
    private static final String BASELINE = "grid";

    @Override
    public String name() {
        return "deltacdf";
    }

    @Override
    public List<Bench.Row> run(Bench.Settings s, PrintWriter progress) {
        List<Bench.Row> rows = new ArrayList<>();
        for (long size : s.deltaCdfSizes()) {
            int n = Math.toIntExact(size);
            float[] sorted = gaussian(n, s.seed());
            float[] fin = gaussian(n, s.seed() + 1);
            for (int i = 0; i < n; i++) {
                fin[i] = sorted[i] + 0.01f * fin[i];
            }
            float[] init = sorted.clone();
            Arrays.parallelSort(sorted);
            int reps = Math.max(1, s.repeats() / 10);
            Runnable grid = () -> DeltaCdf.grid(sorted, n, 0.0, 1.0);
            Bench.Paired exact = Bench.paired(1, reps, grid, () -> DeltaCdf.exact(sorted, n, 0.0, 1.0));
            Bench.Paired pair = Bench.paired(1, reps, grid, () -> score(init, fin));
            rows.add(new Bench.Row(name(), "grid ΔCDF (sorted input)", n, exact.baselineMillis(),
                    exact.baselineCpuMillis(), "", 1.0));
            rows.add(new Bench.Row(name(), "exact ΔCDF (sorted input)", n, exact.millis(), exact.cpuMillis(), BASELINE,
                    exact.ratio()));
            rows.add(new Bench.Row(name(), "pair in 3-norm: dual+sort+4 ΔCDF", n, pair.millis(), pair.cpuMillis(),
                    BASELINE, pair.ratio()));
            progress.println(String.format(Locale.ROOT, "bench deltacdf n=%d: grid %.1f ms, exact %.1f ms, pair %.1f ms",
                    n, exact.baselineMillis(), exact.millis(), pair.millis()));
        }
        return rows;
    }

    private static double score(float[] init, float[] fin) {
        DualChange c = DualChange.of(Potentials.parse("3-norm"), init, fin);
        return c.deltaCdf() + c.deltaCdfCentered() + c.deltaCdfGrid() + c.deltaCdfGridCentered();
    }

    private static float[] gaussian(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
