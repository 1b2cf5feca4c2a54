package org.synapticgeometry.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/** {@link LaneMath} against Math.pow in double over the whole float range. */
class LaneMathTest {
    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;
    /**
     * The largest relative error allowed to {@link LaneMath#signedTwoThirdsPower} anywhere in the
     * float range, about 2.5 float ulps: the polynomial's own error is 8.5e−9, the rest is float
     * rounding of its products and fused multiply-adds.
     */
    private static final double TWO_THIRDS_RTOL = 3e-7;

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
            assertThat((double) out[i]).as("a = %s", a[i]).isCloseTo(expected,
                    within(TWO_THIRDS_RTOL * Math.abs(expected)));
        }
    }

    /**
     * Every 1021st float bit pattern from the smallest subnormal to the largest float (2.1 million,
     * each also negated): within {@link #TWO_THIRDS_RTOL} of the double-precision cbrt(a)², and
     * −a gives exactly the negated result of a.
     */
    @Test
    void signedTwoThirdsPowerOnASampleOfEveryFloat() {
        int stride = 1021;
        float[] a = new float[LANES.length() * 4096];
        float[] out = new float[a.length];
        float[] negatedOut = new float[a.length];
        double worst = 0;
        for (long first = 1; first <= Float.floatToIntBits(Float.MAX_VALUE); first += (long) stride * a.length) {
            for (int i = 0; i < a.length; i++) {
                a[i] = Float.intBitsToFloat((int) Math.min(first + (long) stride * i, Float.floatToIntBits(Float.MAX_VALUE)));
            }
            for (int i = 0; i < a.length; i += LANES.length()) {
                FloatVector v = FloatVector.fromArray(LANES, a, i);
                LaneMath.signedTwoThirdsPower(v).intoArray(out, i);
                LaneMath.signedTwoThirdsPower(v.neg()).intoArray(negatedOut, i);
            }
            for (int i = 0; i < a.length; i++) {
                double root = Math.cbrt(a[i]);
                worst = Math.max(worst, Math.abs(out[i] - root * root) / (root * root));
                if (negatedOut[i] != -out[i]) {
                    assertThat(negatedOut[i]).as("-a for a = %s", a[i]).isEqualTo(-out[i]);
                }
            }
        }
        assertThat(worst).as("worst relative error on the sample").isLessThan(TWO_THIRDS_RTOL).isGreaterThan(0);
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

    /**
     * A lane's e^x does not depend on the lanes beside it: the same bits alone in its vector and next to
     * a lane that takes the reduced path (0.6) or the wide one (100). Otherwise a CPU with narrower
     * vectors, which groups other lanes together, would give other bits.
     */
    @Test
    void expOfALaneIgnoresItsNeighbours() {
        SplittableRandom r = new SplittableRandom(9);
        for (int t = 0; t < 20000; t++) {
            float x = t % 2 == 0 ? (float) (r.nextDouble() - 0.5) : (float) (180 * (r.nextDouble() - 0.5));
            float alone = expInVector(x, 0f);
            assertThat(Float.floatToIntBits(expInVector(x, 0.6f))).as("x = %s beside 0.6", x)
                    .isEqualTo(Float.floatToIntBits(alone));
            assertThat(Float.floatToIntBits(expInVector(x, 100f))).as("x = %s beside 100", x)
                    .isEqualTo(Float.floatToIntBits(alone));
        }
    }

    /** e^x of lane 0 of a vector whose last lane is {@code neighbour} (the others 0). */
    private static float expInVector(float x, float neighbour) {
        float[] v = new float[LANES.length()];
        v[0] = x;
        v[v.length - 1] = neighbour;
        return LaneMath.exp(FloatVector.fromArray(LANES, v, 0)).lane(0);
    }
}
