package org.synapticgeometry.synapse;

/** Goodness of fit of a size model to observed sizes. */
final class Goodness {
    private Goodness() {
    }

    /**
     * Kolmogorov–Smirnov distance sup |F_n(w) − F(w)| between the empirical CDF of {@code sorted} and
     * the model's CDF. The model's CDF includes its mass on negative sizes, so that mass counts
     * against it. NaN for an empty sample.
     *
     * @param sorted sizes in ascending order (not checked)
     */
    static double ks(SizeMixture model, double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        double d = 0.0;
        for (int i = 0; i < n; i++) {
            double f = model.cdf(sorted[i]);
            d = Math.max(d, Math.max(f - (double) i / n, (double) (i + 1) / n - f));
        }
        return d;
    }
}
