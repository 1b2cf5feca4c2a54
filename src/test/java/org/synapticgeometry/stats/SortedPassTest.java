package org.synapticgeometry.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SortedPassTest {
    /** Laplace-like heavy tails with ties and values beyond ±5, so every branch of the sweep runs. */
    private static float[] sortedSample(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble() - 0.5;
            x[i] = (float) (-Math.signum(u) * Math.log(1 - 2 * Math.abs(u)) * 1.7);
            if (i % 97 == 0) {
                x[i] = Math.round(x[i] * 4) / 4f;
            }
        }
        Arrays.sort(x);
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 1000, 65_536})
    void chunkedSweepEqualsOneSequentialSweep(int chunk) {
        float[] x = sortedSample(150_001, 1);
        SortedPass.Result whole = SortedPass.run(x, 0, x.length, 0.1, 1.3, true, Integer.MAX_VALUE);
        SortedPass.Result parts = SortedPass.run(x, 0, x.length, 0.1, 1.3, true, chunk);
        // Sums are regrouped: agreement to ~1e-12 relative, not bitwise.
        assertThat(parts.exact()).isCloseTo(whole.exact(), within(1e-12));
        assertThat(parts.grid()).isCloseTo(whole.grid(), within(1e-12));
        assertThat(parts.ks()).isEqualTo(whole.ks());
        assertThat(parts.andersonDarling()).isCloseTo(whole.andersonDarling(), within(1e-9 * Math.abs(whole.andersonDarling())));
    }

    @Test
    void ksDistanceMatchesCommonsStatistics() {
        float[] x = sortedSample(300_000, 2);
        double scale = 1.7 * Math.sqrt(2);
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            z[i] = (x[i] - 0.05) / scale;
        }
        NormalDistribution phi = NormalDistribution.of(0, 1);
        double reference = KolmogorovSmirnovTest.withDefaults().statistic(z, phi::cumulativeProbability);
        // Hart's Φ vs Commons' erfc-based Φ: 1e-14 each; the statistic is one difference of them.
        assertThat(SortedPass.run(x, 0, x.length, 0.05, scale, false).ks()).isCloseTo(reference, within(1e-13));
    }

    @Test
    void andersonDarlingOfTwoPointsHasClosedForm() {
        // n = 2, z = (−1, 1): A² = −2 − ½[1·(ln Φ(−1) + ln(1−Φ(1))) + 3·(ln Φ(1) + ln(1−Φ(−1)))]
        double lo = Math.log(Normal.cdf(-1));
        double hi = Math.log(Normal.cdf(1));
        double expected = -2 - 0.5 * (1 * (lo + lo) + 3 * (hi + hi));
        double ad = SortedPass.run(new float[] {-1f, 1f}, 0, 2, 0, 1, true).andersonDarling();
        assertThat(ad).isCloseTo(expected, within(1e-14));
    }

    @Test
    void farTailsKeepAndersonDarlingFinite() {
        float[] x = {-40f, -1f, 0f, 1f, 40f};
        assertThat(SortedPass.run(x, 0, x.length, 0, 1, true).andersonDarling()).isFinite().isGreaterThan(100);
    }

    /**
     * The exact-only sweep (bootstrap replicates) gives run()'s exact ΔCDF to the bit: values below −5, ties,
     * values above +5 (where it stops early), more than one chunk, an offset range and a centre.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 300, 2000, SortedPass.CHUNK + 12_345})
    void exactAloneIsBitForBitTheExactOfTheFullSweep(int n) {
        float[] x = sortedSample(n + 3, n);
        for (double scale : new double[] {0.2, 1.3, 40}) {
            double full = SortedPass.run(x, 3, n, 0.1, scale, false).exact();
            assertThat(Double.doubleToRawLongBits(SortedPass.exact(x, 3, n, 0.1, scale)))
                    .as("n %d, scale %s: %s", n, scale, full).isEqualTo(Double.doubleToRawLongBits(full));
        }
        assertThat(SortedPass.exact(x, 3, n, 0.1, 0.0)).isNaN();
    }
}
