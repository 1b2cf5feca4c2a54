package org.synapticgeometry.stats;

import java.util.stream.IntStream;

/**
 * One sweep over sorted values z_i = (x_i − center)/scale that computes, together, the exact ΔCDF,
 * the paper's grid ΔCDF, the Kolmogorov–Smirnov distance to Φ and, optionally, the Anderson–Darling
 * statistic. Every statistic is a sum (or a maximum) of per-value terms that only need the value's
 * rank and its predecessor, so the array is cut into fixed chunks that run in parallel and are
 * combined in chunk order: the result does not depend on the number of threads.
 *
 * <p>Why not the library routines: Commons Statistics' {@code KolmogorovSmirnovTest.statistic}
 * copies the data into a new {@code double[]} and sorts it on every call (80 MB and about a second
 * per candidate at 10⁷ weights, 800 MB at 10⁸), and neither Commons Math 3.6 nor Commons Statistics
 * 1.1 has an Anderson–Darling test. Tests check this pass against Commons Statistics and scipy.
 */
final class SortedPass {
    /** Chunk length; fixed so that sums are combined in the same order on every machine. */
    static final int CHUNK = 1 << 18;
    private static final double H = (DeltaCdf.UPPER - DeltaCdf.LOWER) / (DeltaCdf.GRID_POINTS - 1);
    private static final double[] GRID_PHI = gridPhi();

    /** What one sweep found. Statistics not requested are NaN. */
    record Result(double exact, double grid, double ks, double andersonDarling) {
    }

    private final float[] sorted;
    private final int from;
    private final int n;
    private final double center;
    private final double invScale;
    private final boolean withAd;
    private final boolean exactOnly;

    private SortedPass(float[] sorted, int from, int n, double center, double scale, boolean withAd,
            boolean exactOnly) {
        this.sorted = sorted;
        this.from = from;
        this.n = n;
        this.center = center;
        this.invScale = 1.0 / scale;
        this.withAd = withAd;
        this.exactOnly = exactOnly;
    }

    /**
     * Sweeps {@code sorted[from .. from+n)} (ascending, finite, not checked).
     *
     * @return all NaN when n = 0 or the scale is not finite and positive
     */
    static Result run(float[] sorted, int from, int n, double center, double scale, boolean withAd) {
        return run(sorted, from, n, center, scale, withAd, CHUNK);
    }

    /** As {@link #run(float[], int, int, double, double, boolean)} with a given chunk length (tests vary it). */
    static Result run(float[] sorted, int from, int n, double center, double scale, boolean withAd, int chunk) {
        return sweep(sorted, from, n, center, scale, withAd, false, chunk);
    }

    /**
     * The exact ΔCDF alone, the same value as {@code run(...).exact()} to the bit (the same terms summed in the
     * same order) without the grid, KS and Anderson–Darling terms, and without visiting the values above +5 (what
     * a bootstrap replicate needs).
     */
    static double exact(float[] sorted, int from, int n, double center, double scale) {
        return sweep(sorted, from, n, center, scale, false, true, CHUNK).exact();
    }

    private static Result sweep(float[] sorted, int from, int n, double center, double scale, boolean withAd,
            boolean exactOnly, int chunk) {
        if (n == 0 || !(scale > 0.0) || Double.isInfinite(scale)) {
            return new Result(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        SortedPass pass = new SortedPass(sorted, from, n, center, scale, withAd, exactOnly);
        int chunks = (int) ((n + (long) chunk - 1) / chunk);
        Part[] parts = new Part[chunks];
        IntStream range = IntStream.range(0, chunks);
        (chunks > 1 ? range.parallel() : range).forEach(c -> parts[c] = pass.chunk(c * chunk,
                (int) Math.min(n, (c + 1L) * chunk)));
        double exact = 0.0;
        double grid = 0.0;
        double ks = 0.0;
        double ad = 0.0;
        for (Part p : parts) {
            exact += p.exact;
            grid += p.grid;
            ks = Math.max(ks, p.ks);
            ad += p.ad;
        }
        double andersonDarling = withAd ? -n - ad / n : Double.NaN;
        return new Result(exact, grid * H, ks, andersonDarling);
    }

    private record Part(double exact, double grid, double ks, double ad) {
    }

    private double z(int i) {
        return (sorted[from + i] - center) * invScale;
    }

    /** Terms of ranks [start, end); the last chunk also closes the integrals at +∞. */
    private Part chunk(int start, int end) {
        double prev = start == 0 ? Double.NEGATIVE_INFINITY : z(start - 1);
        double a = Math.max(DeltaCdf.LOWER, prev);
        double phiA = Normal.cdf(a);
        double gA = Normal.cdfIntegral(a);
        boolean open = prev < DeltaCdf.UPPER;
        int k = firstGridPointAbove(prev);
        double exact = 0.0;
        double grid = 0.0;
        double ks = 0.0;
        double ad = 0.0;
        double invN = 1.0 / n;
        for (int i = start; i < end; i++) {
            double b = z(i);
            if (exactOnly && !(open && b > a)) {
                if (!open) {
                    break;
                }
                continue;
            }
            double f = i * invN;
            while (!exactOnly && k < DeltaCdf.GRID_POINTS && DeltaCdf.LOWER + k * H <= b) {
                grid += Math.abs(f - GRID_PHI[k++]);
            }
            double abs = Math.abs(b);
            double e = Math.exp(-0.5 * abs * abs);
            double tail = Normal.upperTail(abs, e);
            double phiB = b > 0 ? 1.0 - tail : tail;
            ks = Math.max(ks, Math.max(f + invN - phiB, phiB - f));
            if (withAd) {
                ad += adTerm(i, b, abs, tail);
            }
            if (open && b > a) {
                double upper = Math.min(b, DeltaCdf.UPPER);
                double phiU = b < DeltaCdf.UPPER ? phiB : Normal.cdf(upper);
                double gU = upper * phiU + (b < DeltaCdf.UPPER ? e * Normal.INV_SQRT_2PI : Normal.density(upper));
                exact += piece(a, upper, phiA, phiU, gA, gU, f);
                a = upper;
                phiA = phiU;
                gA = gU;
                open = b < DeltaCdf.UPPER;
            }
        }
        if (end == n) {
            for (; !exactOnly && k < DeltaCdf.GRID_POINTS; k++) {
                grid += Math.abs(1.0 - GRID_PHI[k]);
            }
            if (open) {
                exact += piece(a, DeltaCdf.UPPER, phiA, Normal.cdf(DeltaCdf.UPPER), gA,
                        Normal.cdfIntegral(DeltaCdf.UPPER), 1.0);
            }
        }
        return new Part(exact, grid, ks, ad);
    }

    /** (2i+1)·log Φ(z_i) + (2n−2i−1)·log(1 − Φ(z_i)), the rank-i term of the Anderson–Darling sum. */
    private double adTerm(int i, double b, double abs, double tail) {
        double logNear = Normal.logUpperTail(abs);
        double logFar = Math.log1p(-tail);
        double logCdf = b > 0 ? logFar : logNear;
        double logSf = b > 0 ? logNear : logFar;
        return (2.0 * i + 1.0) * logCdf + (2.0 * n - 2.0 * i - 1.0) * logSf;
    }

    private static int firstGridPointAbove(double x) {
        if (x < DeltaCdf.LOWER) {
            return 0;
        }
        int k = (int) Math.min(DeltaCdf.GRID_POINTS, Math.max(0, Math.floor((x - DeltaCdf.LOWER) / H)));
        while (k < DeltaCdf.GRID_POINTS && DeltaCdf.LOWER + k * H <= x) {
            k++;
        }
        while (k > 0 && DeltaCdf.LOWER + (k - 1) * H > x) {
            k--;
        }
        return k;
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

    private static double[] gridPhi() {
        double[] phi = new double[DeltaCdf.GRID_POINTS];
        for (int k = 0; k < phi.length; k++) {
            phi[k] = Normal.cdf(DeltaCdf.LOWER + k * H);
        }
        return phi;
    }
}
