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
        if (n == 0 || !(scale > 0.0) || Double.isInfinite(scale)) {
            return Double.NaN;
        }
        double invScale = 1.0 / scale;
        double a = LOWER;
        double phiA = Normal.cdf(a);
        double gA = Normal.cdfIntegral(a);
        double total = 0.0;
        int i = 0;
        while (i < n && (sorted[i] - center) * invScale < LOWER) {
            i++;
        }
        while (i < n) {
            double b = (sorted[i] - center) * invScale;
            if (b >= UPPER) {
                break;
            }
            double f = (double) i / n;
            if (b > a) {
                double phiB = Normal.cdf(b);
                double gB = Normal.cdfIntegral(b);
                total += piece(a, b, phiA, phiB, gA, gB, f);
                a = b;
                phiA = phiB;
                gA = gB;
            }
            i++;
        }
        double f = (double) i / n;
        total += piece(a, UPPER, phiA, Normal.cdf(UPPER), gA, Normal.cdfIntegral(UPPER), f);
        return total;
    }

    /** ∫ₐᵇ |f − Φ(x)| dx for a constant f, split at Φ⁻¹(f) when the curves cross inside [a, b]. */
    private static double piece(double a, double b, double phiA, double phiB, double gA, double gB, double f) {
        if (f <= phiA) {
            return (gB - gA) - f * (b - a);
        }
        if (f >= phiB) {
            return f * (b - a) - (gB - gA);
        }
        double x = Math.min(b, Math.max(a, Normal.inverseCdf(f)));
        double gX = Normal.cdfIntegral(x);
        return (f * (x - a) - (gX - gA)) + ((gB - gX) - f * (b - x));
    }

    /**
     * The paper's grid ΔCDF for z_i = (sorted[i] − center)/scale: h·Σ_k |#{z &lt; x_k}/n − Φ(x_k)|
     * over the 1000 points of {@code linspace(−5, 5, 1000)}.
     *
     * @param sorted finite values in ascending order (not checked)
     */
    public static double grid(float[] sorted, int n, double center, double scale) {
        if (n == 0 || !(scale > 0.0) || Double.isInfinite(scale)) {
            return Double.NaN;
        }
        double h = (UPPER - LOWER) / (GRID_POINTS - 1);
        double invScale = 1.0 / scale;
        double sum = 0.0;
        int below = 0;
        for (int k = 0; k < GRID_POINTS; k++) {
            double x = LOWER + k * h;
            while (below < n && (sorted[below] - center) * invScale < x) {
                below++;
            }
            sum += Math.abs((double) below / n - Normal.cdf(x));
        }
        return sum * h;
    }

    /**
     * The expected uncentred ΔCDF of n truly Gaussian values, about 1.2/√n: scores near this
     * floor are indistinguishable from Gaussian at this sample size.
     */
    public static double gaussianFloor(long n) {
        return 1.2 / Math.sqrt(n);
    }
}
