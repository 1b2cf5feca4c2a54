package org.synapticgeometry.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class NormalTest {
    // Commons Math's Φ is accurate to ~1e-15 in this range; Hart's approximation to ~1e-14.
    private static final double CDF_TOLERANCE = 1e-13;
    private final NormalDistribution reference = new NormalDistribution(0, 1);

    @Test
    void cdfMatchesCommonsMath() {
        for (double x = -9; x <= 9; x += 0.013) {
            assertThat(Normal.cdf(x)).as("Phi(%s)", x).isCloseTo(reference.cumulativeProbability(x), within(CDF_TOLERANCE));
        }
    }

    @Test
    void inverseCdfInvertsCdf() {
        for (double p = 1e-9; p < 1; p = p < 0.01 ? p * 3 : p + 0.0123) {
            assertThat(Normal.cdf(Normal.inverseCdf(p))).as("p=%s", p).isCloseTo(p, within(1e-13 + 1e-10 * p));
        }
    }

    @Test
    void cdfIntegralDifferentiatesToCdf() {
        double h = 1e-5;
        for (double x = -5; x <= 5; x += 0.25) {
            double derivative = (Normal.cdfIntegral(x + h) - Normal.cdfIntegral(x - h)) / (2 * h);
            assertThat(derivative).isCloseTo(Normal.cdf(x), within(1e-8));
        }
    }
}
