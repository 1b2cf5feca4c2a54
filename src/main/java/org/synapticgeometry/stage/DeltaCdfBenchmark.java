package org.synapticgeometry.stage;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
            double grid = Bench.medianMillis(1, reps, () -> DeltaCdf.grid(sorted, n, 0.0, 1.0));
            double exact = Bench.medianMillis(1, reps, () -> DeltaCdf.exact(sorted, n, 0.0, 1.0));
            double pair = Bench.medianMillis(1, reps, () -> score(init, fin));
            rows.add(new Bench.Row(name(), "grid ΔCDF (sorted input)", n, grid, "", 1.0));
            rows.add(new Bench.Row(name(), "exact ΔCDF (sorted input)", n, exact, BASELINE, exact / grid));
            rows.add(new Bench.Row(name(), "pair in 3-norm: dual+sort+4 ΔCDF", n, pair, BASELINE, pair / grid));
            progress.println(String.format("bench deltacdf n=%d: grid %.1f ms, exact %.1f ms, pair %.1f ms", n, grid,
                    exact, pair));
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
