package org.synapticgeometry.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeltaCdfTest {

    private static float[] sortedStandardized(double[] x) {
        double mean = Arrays.stream(x).average().orElseThrow();
        double var = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (x.length - 1);
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) ((x[i] - mean) / Math.sqrt(var));
        }
        Arrays.sort(f);
        return f;
    }

    /** ∫|U(x) − Φ(x)| for U uniform on [−√3, √3] (unit variance), by a fine midpoint rule. */
    private static double uniformClosedForm() {
        double s = Math.sqrt(3);
        int m = 2_000_000;
        double h = 10.0 / m;
        double total = 0;
        for (int i = 0; i < m; i++) {
            double x = -5 + (i + 0.5) * h;
            double u = x < -s ? 0 : x > s ? 1 : (x + s) / (2 * s);
            total += Math.abs(u - Normal.cdf(x)) * h;
        }
        return total;
    }

    @Test
    void uniformSampleScoresItsClosedForm() {
        SplittableRandom r = new SplittableRandom(1);
        double[] x = r.doubles(100_000).toArray();
        float[] z = sortedStandardized(x);
        double expected = uniformClosedForm();
        assertThat(expected).isCloseTo(0.16, within(0.01));
        // sampling error of the integral at n = 1e5 is ~1.2/sqrt(n) = 0.004
        assertThat(DeltaCdf.exact(z, z.length, 0, 1)).isCloseTo(expected, within(0.006));
    }

    @Test
    void laplaceSampleScoresAbout014() {
        SplittableRandom r = new SplittableRandom(2);
        double[] x = new double[100_000];
        for (int i = 0; i < x.length; i++) {
            double u = r.nextDouble() - 0.5;
            x[i] = -Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
        }
        float[] z = sortedStandardized(x);
        assertThat(DeltaCdf.exact(z, z.length, 0, 1)).isCloseTo(0.14, within(0.01));
    }

    @Test
    void gridAgreesWithExactAtLargeN() {
        SplittableRandom r = new SplittableRandom(3);
        double[] x = r.doubles(100_000).toArray();
        float[] z = sortedStandardized(x);
        assertThat(DeltaCdf.grid(z, z.length, 0, 1)).isCloseTo(DeltaCdf.exact(z, z.length, 0, 1), within(2e-3));
    }

    @Test
    void gaussianFloorAtThousandIsNearTheory() {
        SplittableRandom r = new SplittableRandom(4);
        double sum = 0;
        int reps = 200;
        for (int rep = 0; rep < reps; rep++) {
            float[] z = new float[1000];
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) gaussian(r);
            }
            Arrays.sort(z);
            double sd = sampleStd(z);
            sum += DeltaCdf.exact(z, z.length, 0, sd);
        }
        assertThat(sum / reps).isCloseTo(DeltaCdf.gaussianFloor(1000), within(0.3 * DeltaCdf.gaussianFloor(1000)));
    }

    @Test
    void singleValueAtZeroHasClosedForm() {
        // F = 0 below 0 and 1 above: ∫₋₅⁰ Φ + ∫₀⁵ (1 − Φ) = 2·(G(0) − G(−5)) = 2·φ(0) − tiny
        double expected = 2 * (Normal.cdfIntegral(0) - Normal.cdfIntegral(-5));
        assertThat(DeltaCdf.exact(new float[] {0f}, 1, 0, 1)).isCloseTo(expected, within(1e-12));
        assertThat(expected).isCloseTo(2 * Normal.density(0), within(1e-6));
    }

    @Test
    void emptyOrDegenerateInputIsNaN() {
        assertThat(DeltaCdf.exact(new float[0], 0, 0, 1)).isNaN();
        assertThat(DeltaCdf.exact(new float[] {1f, 2f}, 2, 0, 0)).isNaN();
        assertThat(DeltaCdf.grid(new float[] {1f, 2f}, 2, 0, Double.NaN)).isNaN();
    }

    private static double sampleStd(float[] z) {
        double m = 0;
        for (float v : z) {
            m += v;
        }
        m /= z.length;
        double s = 0;
        for (float v : z) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (z.length - 1));
    }

    private static double gaussian(SplittableRandom r) {
        return Normal.inverseCdf(r.nextDouble(1e-300, 1.0));
    }
}
