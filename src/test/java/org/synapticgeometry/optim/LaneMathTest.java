package org.synapticgeometry.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/** {@link LaneMath} against Math.pow in double over the whole float range. */
class LaneMathTest {
    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;

    /** Both signs, zero, subnormals (the POW fallback), up to infinity; 4096 vectors mostly on the fast path. */
    @Test
    void signedTwoThirdsPowerFromZeroThroughSubnormalsToInfinity() {
        float[] a = new float[LANES.length() * 8192];
        for (int i = 0; i < a.length; i++) {
            // log-uniform magnitudes over [1e-45, 3e38], alternating signs
            a[i] = (float) ((i % 2 == 0 ? 1 : -1) * Math.pow(10, -45 + 83.5 * i / a.length));
        }
        a[0] = 0f;
        a[1] = Float.POSITIVE_INFINITY;
        a[4] = -0f;
        a[2] = Float.MIN_VALUE;
        a[3] = Float.MAX_VALUE;
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i += LANES.length()) {
            LaneMath.signedTwoThirdsPower(FloatVector.fromArray(LANES, a, i)).intoArray(out, i);
        }
        assertThat(out[0]).isEqualTo(0f);
        assertThat(out[1]).isEqualTo(Float.POSITIVE_INFINITY);
        for (int i = 2; i < a.length; i++) {
            double expected = Math.signum(a[i]) * Math.pow(Math.abs(a[i]), 2.0 / 3.0);
            // three Newton steps from a 4% guess: 7e-10 in exact arithmetic, then float rounding (a few
            // ulps); inputs outside [2^-100, 2^100] take POW, whose float exponent 2/3 is off by 3e-8,
            // an error of 3e-8·|ln a| (2e-6 at the ends of the float range)
            double rtol = fastVector(a, i - i % LANES.length()) ? 5e-7 : 1e-5;
            assertThat((double) out[i]).as("a = %s", a[i]).isCloseTo(expected,
                    within(rtol * Math.abs(expected) + Float.MIN_VALUE));
        }
    }

    /** Whether every lane of the vector starting at {@code from} is in the fast range [2^-100, 2^100]. */
    private static boolean fastVector(float[] a, int from) {
        for (int k = from; k < from + LANES.length(); k++) {
            if (!(Math.abs(a[k]) >= 0x1p-100f && Math.abs(a[k]) <= 0x1p100f)) {
                return false;
            }
        }
        return true;
    }

    /** e^x from underflow (subnormals, zero) through overflow (+∞), NaN kept, on both paths. */
    @Test
    void expMatchesMathExpOverTheWholeRange() {
        float[] x = new float[LANES.length() * 8192];
        for (int i = 0; i < x.length; i++) {
            x[i] = -110f + 205f * i / x.length;
        }
        x[0] = Float.NEGATIVE_INFINITY;
        x[1] = Float.POSITIVE_INFINITY;
        x[2] = Float.NaN;
        x[3] = 0f;
        int middle = x.length / 2; // a NaN in a vector of the fast path (|x| <= 80) too
        x[middle] = Float.NaN;
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i += LANES.length()) {
            LaneMath.exp(FloatVector.fromArray(LANES, x, i)).intoArray(out, i);
        }
        assertThat(out[0]).isEqualTo(0f);
        assertThat(out[1]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(out[2]).isNaN();
        assertThat(out[3]).isEqualTo(1f);
        assertThat(out[middle]).isNaN();
        for (int i = 4; i < x.length; i++) {
            if (i == middle) {
                continue;
            }
            double expected = Math.exp(x[i]);
            if (expected > Float.MAX_VALUE) {
                assertThat(out[i]).as("x = %s", x[i]).isInfinite();
            } else if (expected < Float.MIN_NORMAL) {
                // subnormal results keep fewer bits: within 1.5 of their last place
                assertThat((double) out[i]).as("x = %s", x[i]).isCloseTo(expected, within(1.5 * Float.MIN_VALUE));
            } else {
                // polynomial truncation 5e-9 plus float rounding: 2.5 ulps
                assertThat((double) out[i]).as("x = %s", x[i]).isCloseTo(expected, within(3e-7 * expected));
            }
        }
    }
}
