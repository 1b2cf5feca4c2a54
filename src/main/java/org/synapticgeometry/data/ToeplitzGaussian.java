package org.synapticgeometry.data;

import java.util.function.IntToDoubleFunction;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * Exact Gaussian vectors with a stationary (Toeplitz) covariance C_ij = c(|i − j|) by circulant
 * embedding (Dietrich and Newsam 1997; Wood and Chan 1994), without a dense D×D factor.
 *
 * <p>C is embedded in the circulant matrix of size M (a power of two, M ≥ 2(D − 1)) whose first
 * column is a_j = c(min(j, M − j)); its eigenvalues λ = DFT(a) must be ≥ 0. With ξ = ξ₁ + iξ₂ of
 * independent standard normals, y = DFT(sqrt(λ/M)·ξ) has independent real and imaginary parts,
 * each N(0, C_M); their first D entries are two independent N(0, C) vectors. Cost O(M log M) per
 * pair of vectors.
 */
public final class ToeplitzGaussian {
    private final int dim;
    private final int size;
    private final double[] amplitude;

    private ToeplitzGaussian(int dim, int size, double[] amplitude) {
        this.dim = dim;
        this.size = size;
        this.amplitude = amplitude;
    }

    /**
     * A sampler of N(0, C) in dimension {@code dim} for the autocovariance {@code c} (c(0) is the
     * variance; c(k) for every lag k ≥ 0 up to M/2).
     *
     * @throws IllegalArgumentException if dim &lt; 1
     * @throws IllegalStateException if the circulant embedding is not non-negative definite (an
     *     eigenvalue below −1e−9·max), i.e. c is not a valid covariance for this embedding
     */
    public static ToeplitzGaussian of(IntToDoubleFunction c, int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, found " + dim);
        }
        int size = Math.max(2, Integer.highestOneBit(Math.max(1, 2 * (dim - 1)) - 1) << 1);
        double[][] ri = new double[2][size];
        for (int j = 0; j < size; j++) {
            ri[0][j] = c.applyAsDouble(Math.min(j, size - j));
        }
        FastFourierTransformer.transformInPlace(ri, DftNormalization.STANDARD, TransformType.FORWARD);
        double max = 0.0;
        double min = Double.POSITIVE_INFINITY;
        for (double lambda : ri[0]) {
            max = Math.max(max, lambda);
            min = Math.min(min, lambda);
        }
        if (min < -1e-9 * max) {
            throw new IllegalStateException("circulant embedding of size " + size + " has a negative eigenvalue "
                    + min + ": the autocovariance is not non-negative definite");
        }
        double[] amplitude = new double[size];
        for (int m = 0; m < size; m++) {
            amplitude[m] = Math.sqrt(Math.max(0.0, ri[0][m]) / size);
        }
        return new ToeplitzGaussian(dim, size, amplitude);
    }

    /** The dimension D of the vectors. */
    public int dim() {
        return dim;
    }

    /** The circulant size M; {@link #sample} takes M real and M imaginary normals. */
    public int embeddingSize() {
        return size;
    }

    /**
     * Maps 2M standard normals (real parts ξ₁, imaginary parts ξ₂, each of length M) to two
     * independent N(0, C) vectors written to {@code first} and {@code second} (length ≥ D). The map
     * is linear, so its covariance can be checked exactly on basis vectors.
     */
    public void sample(double[] realNormals, double[] imagNormals, double[] first, double[] second) {
        double[][] ri = new double[2][size];
        for (int m = 0; m < size; m++) {
            ri[0][m] = amplitude[m] * realNormals[m];
            ri[1][m] = amplitude[m] * imagNormals[m];
        }
        FastFourierTransformer.transformInPlace(ri, DftNormalization.STANDARD, TransformType.FORWARD);
        System.arraycopy(ri[0], 0, first, 0, dim);
        System.arraycopy(ri[1], 0, second, 0, dim);
    }
}
