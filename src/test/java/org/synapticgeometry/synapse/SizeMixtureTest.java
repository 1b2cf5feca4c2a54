package org.synapticgeometry.synapse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.stats.Normal;

class SizeMixtureTest {
    /** Midpoint rule on a log grid; relative accuracy far below 1e-6 for these smooth densities. */
    private static double integrateDensity(SizeMixture m, double lo, double hi) {
        int steps = 400_000;
        double a = Math.log(lo);
        double h = (Math.log(hi) - a) / steps;
        double total = 0.0;
        for (int i = 0; i < steps; i++) {
            double w = Math.exp(a + (i + 0.5) * h);
            total += Math.exp(m.logDensity(w)) * w * h;
        }
        return total;
    }

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("negative_entropy", 0.5),
                Arguments.of("1.5-norm", 0.4),
                Arguments.of("2-norm", 0.8),
                Arguments.of("3-norm", 3.0),
                Arguments.of("hypentropy:0.7", 0.5));
    }

    private static SizeMixture mixture(String potential, double sigma) {
        return SizeMixture.of(Potentials.parse(potential), new double[] {1.0, 4.0}, new double[] {0.6, 0.4}, sigma);
    }

    @ParameterizedTest
    @MethodSource("models")
    void densityOverPositiveSizesIntegratesToOneMinusNegativeMass(String potential, double sigma) {
        SizeMixture m = mixture(potential, sigma);
        assertThat(integrateDensity(m, 1e-12, 1e4)).isCloseTo(1.0 - m.negativeMass(), within(1e-5));
    }

    @ParameterizedTest
    @MethodSource("models")
    void cdfIsTheIntegralOfTheDensity(String potential, double sigma) {
        SizeMixture m = mixture(potential, sigma);
        for (double w : new double[] {0.3, 1.0, 2.5, 6.0}) {
            double h = 1e-5 * w;
            double slope = (m.cdf(w + h) - m.cdf(w - h)) / (2 * h);
            assertThat(slope).as("dF/dw at %s", w).isCloseTo(Math.exp(m.logDensity(w)), within(1e-6));
        }
    }

    @Test
    void negativeEntropyIsAMixtureOfLogNormalsWithNoNegativeMass() {
        SizeMixture m = mixture("negative_entropy", 0.5);
        for (double w : new double[] {0.2, 1.0, 3.0, 9.0}) {
            double expected = 0.6 * logNormal(w, 0.0, 0.5) + 0.4 * logNormal(w, Math.log(4.0), 0.5);
            assertThat(m.logDensity(w)).isCloseTo(Math.log(expected), within(1e-12));
        }
        assertThat(m.negativeMass()).isZero();
        assertThat(m.logDensity(-1.0)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void twoNormIsAGaussianMixtureWhoseNegativeTailIsLost() {
        SizeMixture m = mixture("2-norm", 0.8);
        for (double w : new double[] {-0.5, 0.2, 1.0, 3.0, 9.0}) {
            double expected = 0.6 * Normal.density((w - 1.0) / 0.8) / 0.8 + 0.4 * Normal.density((w - 4.0) / 0.8) / 0.8;
            assertThat(m.logDensity(w)).isCloseTo(Math.log(expected), within(1e-12));
        }
        double lost = 0.6 * Normal.cdf(-1.0 / 0.8) + 0.4 * Normal.cdf(-4.0 / 0.8);
        assertThat(m.negativeMass()).isCloseTo(lost, within(1e-14));
    }

    @Test
    void pNormDensityIsTheGaussianOfTheDualTimesTheJacobian() {
        // 3-norm: t = w^2, so f(w) = sum pi_j N(w^2; c_j^2, sigma^2) * 2w
        SizeMixture m = mixture("3-norm", 3.0);
        double w = 1.7;
        double t = w * w;
        double expected = (0.6 * Normal.density((t - 1.0) / 3.0) + 0.4 * Normal.density((t - 16.0) / 3.0)) / 3.0 * 2 * w;
        assertThat(m.logDensity(w)).isCloseTo(Math.log(expected), within(1e-12));
    }

    @Test
    void rejectsInvalidParameters() {
        Potential p = Potentials.parse("2-norm");
        assertThatThrownBy(() -> SizeMixture.of(p, new double[] {-1.0}, new double[] {1.0}, 1.0))
                .hasMessageContaining("state c_1 must be finite and > 0, found -1.0");
        assertThatThrownBy(() -> SizeMixture.of(p, new double[] {1.0, 2.0}, new double[] {0.5, 0.6}, 1.0))
                .hasMessageContaining("weights must sum to 1");
        assertThatThrownBy(() -> SizeMixture.of(p, new double[] {1.0}, new double[] {1.0}, Double.NaN))
                .hasMessageContaining("sigma must be finite and > 0, found NaN");
    }

    private static double logNormal(double w, double mu, double s) {
        double z = (Math.log(w) - mu) / s;
        return Math.exp(-0.5 * z * z) / (w * s * Math.sqrt(2 * Math.PI));
    }
}
