package org.synapticgeometry.data;

import java.util.SplittableRandom;

/**
 * A synthetic linear-regression data set of the paper (Sec. 4.1): N rows x_i ∈ R^D drawn from
 * N(0, C) with the Toeplitz correlation C_ij = c(j − i), c(k) = (−1)^k / (1 + |k/scale|^power), plus
 * independent uniform(−noise, noise) noise on every entry, and labels ±1 at random (pure
 * interpolation). Inputs are row-major float32.
 *
 * @param x the N×D inputs, row-major (not copied: do not modify)
 * @param y the N labels, each +1 or −1 (not copied)
 * @param n number of rows N
 * @param d dimension D
 */
public record LinearRegressionData(float[] x, float[] y, int n, int d) {

    /** Checks the array sizes. */
    public LinearRegressionData {
        if (n < 1 || d < 1 || x.length != (long) n * d || y.length != n) {
            throw new IllegalArgumentException("inputs must be n×d = " + n + "×" + d + " with n labels, found "
                    + x.length + " inputs and " + y.length + " labels");
        }
    }

    /** The paper's autocovariance c(k) = (−1)^k / (1 + |k/scale|^power). */
    public static double correlation(int lag, double power, double scale) {
        double sign = (lag & 1) == 0 ? 1.0 : -1.0;
        return sign / (1.0 + Math.pow(Math.abs(lag / scale), power));
    }

    /**
     * Draws a data set from one seed (same seed, same bytes).
     *
     * @param power exponent of the correlation decay (paper: 2 or 1)
     * @param scale correlation length (paper: 1)
     * @param noise half-width of the uniform input noise (paper: 0.5)
     */
    public static LinearRegressionData generate(int n, int d, double power, double scale, double noise, long seed) {
        ToeplitzGaussian gaussian = ToeplitzGaussian.of(k -> correlation(k, power, scale), d);
        SplittableRandom rng = new SplittableRandom(seed);
        int m = gaussian.embeddingSize();
        double[] re = new double[m];
        double[] im = new double[m];
        double[] a = new double[d];
        double[] b = new double[d];
        float[] x = new float[n * d];
        for (int row = 0; row < n; row += 2) {
            for (int j = 0; j < m; j++) {
                re[j] = rng.nextGaussian();
                im[j] = rng.nextGaussian();
            }
            gaussian.sample(re, im, a, b);
            fillRow(x, row, a, noise, rng);
            if (row + 1 < n) {
                fillRow(x, row + 1, b, noise, rng);
            }
        }
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextBoolean() ? 1f : -1f;
        }
        return new LinearRegressionData(x, y, n, d);
    }

    private static void fillRow(float[] x, int row, double[] gaussian, double noise, SplittableRandom rng) {
        int d = gaussian.length;
        for (int j = 0; j < d; j++) {
            x[row * d + j] = (float) (gaussian[j] + (noise == 0.0 ? 0.0 : rng.nextDouble(-noise, noise)));
        }
    }
}
