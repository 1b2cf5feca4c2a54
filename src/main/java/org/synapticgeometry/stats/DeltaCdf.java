package org.synapticgeometry.stats;

/**
 * ΔCDF, the paper's distance from Gaussianity: ∫ |F_n(x) − Φ(x)| dx over [−5, 5], where F_n is the
 * empirical CDF of z = (x − center)/scale. Both forms work on a sorted float array and a
 * (center, scale) pair, so that uncentred and centred scores share one sort and no z array is
 * materialised.
 *
 * <ul>
 *   <li>{@link #exact}: the integral computed exactly between consecutive order statistics, using
 *       the antiderivative of Φ; O(n) after sorting.
 *   <li>{@link #grid}: paper parity, a Riemann sum on {@code linspace(−5, 5, 1000)} (h = 10/999)
 *       with F_n(x_k) the fraction of values strictly below x_k.
 * </ul>
 * Both return NaN for an empty array or a scale that is not finite and positive.
 */
public final class DeltaCdf {
    /** Lower end of the integral. */
    public static final double LOWER = -5.0;
    /** Upper end of the integral. */
    public static final double UPPER = 5.0;
    /** Number of grid points in the paper's Riemann sum. */
    public static final int GRID_POINTS = 1000;

    private DeltaCdf() {
    }

    /**
     * Exact ∫₋₅⁵ |F_n(x) − Φ(x)| dx for z_i = (sorted[i] − center)/scale.
     *
     * @param sorted finite values in ascending order (not checked)
     */
    public static double exact(float[] sorted, int n, double center, double scale) {
        return SortedPass.run(sorted, 0, n, center, scale, false).exact();
    }

    /**
     * The paper's grid ΔCDF for z_i = (sorted[i] − center)/scale: h·Σ_k |#{z &lt; x_k}/n − Φ(x_k)|
     * over the 1000 points of {@code linspace(−5, 5, 1000)}.
     *
     * @param sorted finite values in ascending order (not checked)
     */
    public static double grid(float[] sorted, int n, double center, double scale) {
        return SortedPass.run(sorted, 0, n, center, scale, false).grid();
    }

    /**
     * The expected uncentred ΔCDF of n truly Gaussian values, about 1.2/√n: scores near this
     * floor are indistinguishable from Gaussian at this sample size.
     */
    public static double gaussianFloor(long n) {
        return 1.2 / Math.sqrt(n);
    }
}
