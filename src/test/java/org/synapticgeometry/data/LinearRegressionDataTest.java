package org.synapticgeometry.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LinearRegressionDataTest {

    /**
     * The sampler is linear in its 2M normals, so its covariance is the sum of outer products of
     * its images of the basis vectors: it must equal the Toeplitz C exactly (up to FFT rounding),
     * for both outputs, with zero cross-covariance.
     */
    @ParameterizedTest
    @ValueSource(doubles = {2.0, 1.0})
    void samplerCovarianceIsExactlyToeplitz(double power) {
        int d = 13;
        ToeplitzGaussian g = ToeplitzGaussian.of(k -> LinearRegressionData.correlation(k, power, 1.0), d);
        int m = g.embeddingSize();
        assertThat(m).isEqualTo(32);
        double[][] covA = new double[d][d];
        double[][] covB = new double[d][d];
        double[][] cross = new double[d][d];
        double[] a = new double[d];
        double[] b = new double[d];
        for (int basis = 0; basis < 2 * m; basis++) {
            double[] re = new double[m];
            double[] im = new double[m];
            (basis < m ? re : im)[basis % m] = 1.0;
            g.sample(re, im, a, b);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    covA[i][j] += a[i] * a[j];
                    covB[i][j] += b[i] * b[j];
                    cross[i][j] += a[i] * b[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double c = LinearRegressionData.correlation(Math.abs(i - j), power, 1.0);
                assertThat(covA[i][j]).as("cov[%d][%d]", i, j).isCloseTo(c, within(1e-12));
                assertThat(covB[i][j]).as("cov[%d][%d]", i, j).isCloseTo(c, within(1e-12));
                assertThat(cross[i][j]).as("cross[%d][%d]", i, j).isCloseTo(0.0, within(1e-12));
            }
        }
    }

    /** Empirical covariance of generated rows: C plus the uniform noise variance (2·0.5)²/12 on the diagonal. */
    @Test
    void generatedRowsHaveTargetCovarianceAndBalancedLabels() {
        int n = 40_000;
        int d = 6;
        LinearRegressionData data = LinearRegressionData.generate(n, d, 2.0, 1.0, 0.5, 99);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int r = 0; r < n; r++) {
                    s += (double) data.x()[r * d + i] * data.x()[r * d + j];
                }
                double expected = LinearRegressionData.correlation(Math.abs(i - j), 2.0, 1.0) + (i == j ? 1.0 / 12 : 0);
                // standard error of a covariance entry <= sqrt(2/n) ≈ 0.007; 4 sigma
                assertThat(s / n).as("cov[%d][%d]", i, j).isCloseTo(expected, within(0.03));
            }
        }
        double mean = 0;
        for (float v : data.y()) {
            assertThat(Math.abs(v)).isEqualTo(1f);
            mean += v / n;
        }
        assertThat(mean).isCloseTo(0.0, within(0.03));
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherData() {
        LinearRegressionData a = LinearRegressionData.generate(7, 50, 1.0, 1.0, 0.5, 5);
        LinearRegressionData b = LinearRegressionData.generate(7, 50, 1.0, 1.0, 0.5, 5);
        LinearRegressionData c = LinearRegressionData.generate(7, 50, 1.0, 1.0, 0.5, 6);
        assertThat(a.x()).containsExactly(b.x());
        assertThat(a.y()).containsExactly(b.y());
        assertThat(a.x()).isNotEqualTo(c.x());
    }

    @Test
    void embeddingSizeIsSmallestPowerOfTwoCoveringTwiceTheLags() {
        assertThat(ToeplitzGaussian.of(k -> k == 0 ? 1 : 0, 1).embeddingSize()).isEqualTo(2);
        assertThat(ToeplitzGaussian.of(k -> k == 0 ? 1 : 0, 3).embeddingSize()).isEqualTo(4);
        assertThat(ToeplitzGaussian.of(k -> k == 0 ? 1 : 0, 20_000).embeddingSize()).isEqualTo(65_536);
    }
}
