package org.synapticgeometry.stats;

import java.util.Arrays;
import org.synapticgeometry.geometry.Potential;

/**
 * The change of weights seen in a candidate geometry, Δ = ∇ψ(w_T) − ∇ψ(w₀), with non-finite
 * entries (e.g. zero weights under negative entropy) excluded and counted. Holds one float array
 * of the finite changes, sorted ascending, so that every ΔCDF variant reuses one sort; one sweep
 * per normalisation (uncentred, centred) gives both the exact and the grid ΔCDF.
 */
public final class DualChange {
    private final float[] sorted;
    private final int n;
    private final long excluded;
    private final double mean;
    private final double std;
    private final double magnitude;
    private final SortedPass.Result uncentred;
    private final SortedPass.Result centred;

    private DualChange(float[] sorted, int n, long excluded, double mean, double std, double magnitude) {
        this.sorted = sorted;
        this.n = n;
        this.excluded = excluded;
        this.mean = mean;
        this.std = std;
        this.magnitude = magnitude;
        this.uncentred = SortedPass.run(sorted, 0, n, 0.0, std, false);
        this.centred = SortedPass.run(sorted, 0, n, mean, std, false);
    }

    /**
     * Maps both snapshots into ψ's dual space and keeps the finite differences.
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static DualChange of(Potential candidate, float[] initial, float[] fin) {
        if (initial.length != fin.length) {
            throw new IllegalArgumentException("initial and final weights differ in size: "
                    + initial.length + " vs " + fin.length);
        }
        float[] delta = new float[initial.length];
        int n = 0;
        double sum = 0.0;
        double sumSq = 0.0;
        double dualInitSq = 0.0;
        for (int i = 0; i < initial.length; i++) {
            double d0 = candidate.toDual(initial[i]);
            double d = candidate.toDual(fin[i]) - d0;
            if (Double.isFinite(d) && Double.isFinite(d0)) {
                delta[n++] = (float) d;
                sum += d;
                sumSq += d * d;
                dualInitSq += d0 * d0;
            }
        }
        return fromDeltas(delta, n, initial.length - n, sum, sumSq, dualInitSq);
    }

    private static DualChange fromDeltas(float[] delta, int n, long excluded, double sum, double sumSq,
            double dualInitSq) {
        double mean = n == 0 ? Double.NaN : sum / n;
        double var = n < 2 ? Double.NaN : Math.max(0.0, (sumSq - n * mean * mean) / (n - 1));
        double magnitude = Math.sqrt(sumSq) / Math.sqrt(dualInitSq);
        FloatSort.sort(delta, 0, n);
        return new DualChange(delta, n, excluded, mean, Math.sqrt(var), magnitude);
    }

    /** Number of finite changes scored. */
    public int n() {
        return n;
    }

    /** Number of weights excluded because a dual value was not finite. */
    public long excluded() {
        return excluded;
    }

    /** Mean of Δ. */
    public double mean() {
        return mean;
    }

    /** Standard deviation of Δ with the n − 1 denominator. */
    public double std() {
        return std;
    }

    /** ‖Δ‖₂ / ‖∇ψ(w₀)‖₂ over the finite entries. */
    public double magnitude() {
        return magnitude;
    }

    /** Exact ΔCDF of Δ/std (uncentred, the paper's choice: a drift counts against Gaussianity). */
    public double deltaCdf() {
        return uncentred.exact();
    }

    /** Exact ΔCDF of (Δ − mean)/std. */
    public double deltaCdfCentered() {
        return centred.exact();
    }

    /** Paper-parity grid ΔCDF of Δ/std. */
    public double deltaCdfGrid() {
        return uncentred.grid();
    }

    /** Paper-parity grid ΔCDF of (Δ − mean)/std. */
    public double deltaCdfGridCentered() {
        return centred.grid();
    }

    /** The sorted finite changes (a copy). */
    public float[] sortedChanges() {
        return Arrays.copyOf(sorted, n);
    }
}
