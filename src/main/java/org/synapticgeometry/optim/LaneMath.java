package org.synapticgeometry.optim;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Elementwise functions on float lanes that the Vector API lacks or computes slowly, from +, ×,
 * √ and bit operations only. Besides speed that buys reproducibility: the Vector API's own
 * {@code EXP}, {@code POW} or {@code CBRT} give different last bits in the interpreter (Java's scalar
 * Math per lane) and in C2-compiled code (Intel's SVML), and the switch between them happens at a
 * timing-dependent step, so seeded training would not be bit-for-bit repeatable.
 *
 * <p>Each function has a fast path for the common inputs and a rare path taken by a whole vector
 * when one lane needs it ({@code wideExp}, {@code reducedExp}, {@code twoThirdsScaled}); the rare
 * path gives the other lanes the fast path's bits, so that a lane's result never depends on the
 * lanes that share its vector (their number is the CPU's vector width).
 * {@code bin/jvm.options} keeps the rare paths from being inlined ({@code CompileCommand=dontinline}):
 * inlined, they push the hot loops past C2's node budget, and the loops then run several times
 * slower. Without those options the results are the same, only the speed may suffer.
 */
final class LaneMath {
    /**
     * Bits of a^(−1/3) ≈ MAGIC − bits(a)/3, the log-linear float guess: within −3.1% and +4.1% for
     * every a in [2⁻¹⁰⁰, 2¹⁰⁰], so that u = a·y³ − 1 lies in [−0.0899, 0.1290] (numpy, every 37th
     * float of that range).
     */
    private static final int INVERSE_CUBE_ROOT_MAGIC = 0x54a2fa8c;
    private static final int SMALLEST_FAST_BITS = Float.floatToIntBits(0x1p-100f);
    private static final int FAST_BITS_SPAN = Float.floatToIntBits(0x1p100f) - SMALLEST_FAST_BITS;
    /**
     * (1 + u)^(−1/3) ≈ C0 + C1·u + … + C5·u⁵ for u in [−0.0899, 0.1290], fitted for minimal relative
     * error on that range (numpy and scipy's linear program on 8000 points of it): 5.2e−9 with exact
     * coefficients, 8.5e−9 with these float ones.
     */
    private static final float ROOT_C0 = 1.0f;
    private static final float ROOT_C1 = -0.3333330750465393f;
    private static final float ROOT_C2 = 0.22221773862838745f;
    private static final float ROOT_C3 = -0.17296193540096283f;
    private static final float ROOT_C4 = 0.14539214968681335f;
    private static final float ROOT_C5 = -0.11426154524087906f;

    private static final float LOG2_E = 1.44269504f;
    /** ln 2 split so that k·LN2_HIGH is exact for |k| ≤ 2⁹ (Cody and Waite). */
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;
    /** Adding 1.5·2²³ rounds a float below 2²² to an integer, which then sits in the low mantissa bits. */
    private static final float ROUNDING = 0x1.8p23f;
    private static final int ROUNDING_BITS = Float.floatToIntBits(ROUNDING);
    private static final float SMALL_EXP = 0.25f;
    private static final float SMALL_C1 = 0.9999999403953552f;
    private static final float SMALL_C2 = 0.49999698996543884f;
    private static final float SMALL_C3 = 0.16666913032531738f;
    private static final float SMALL_C4 = 0.04179646447300911f;
    private static final float SMALL_C5 = 0.008314751088619232f;
    private static final float EXP_C2 = 0.49999991059303284f;
    private static final float EXP_C3 = 0.16666419804096222f;
    private static final float EXP_C4 = 0.04166822507977486f;
    private static final float EXP_C5 = 0.008374815806746483f;
    private static final float EXP_C6 = 0.0013836845755577087f;
    private static final float EXP_LOWEST = -104f;
    private static final float EXP_HIGHEST = 89f;

    private LaneMath() {
    }

    /**
     * e^x. For |x| ≤ 1/4 (a mirror step's usual size) a degree-5 polynomial fitted for minimal
     * relative error on that interval (numpy, Lawson's algorithm; 1e−8, 9e−8 in float arithmetic).
     * Larger lanes take x = k·ln 2 + r, |r| ≤ ln 2/2, e^r by a fitted degree-6 polynomial (1e−7 in
     * float arithmetic), times 2^k; when a lane has |x| &gt; 80 (or ±∞) the vector applies 2^k as two
     * powers of two, so results underflow to subnormals and zero, or overflow to +∞, as they should
     * (for the other lanes that gives the same bits as one power). NaN gives NaN. Each lane's result
     * depends on that lane alone, so CPUs with narrower vectors give the same bits.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector magnitude = x.abs();
        VectorMask<Float> large = magnitude.compare(VectorOperators.GT, SMALL_EXP);
        if (!large.anyTrue()) {
            return smallExp(x);
        }
        FloatVector reduced = magnitude.compare(VectorOperators.GT, 80f).anyTrue() ? wideExp(x) : reducedExp(x);
        return large.allTrue() ? reduced : reduced.blend(smallExp(x), large.not());
    }

    /** The polynomial for |x| ≤ 1/4. */
    private static FloatVector smallExp(FloatVector x) {
        return x.mul(SMALL_C5).add(SMALL_C4).mul(x).add(SMALL_C3).mul(x).add(SMALL_C2).mul(x).add(SMALL_C1).mul(x)
                .add(1f);
    }

    private static FloatVector reducedExp(FloatVector x) {
        FloatVector shifted = roundedLog2(x);
        return expOfReduced(x, shifted.sub(ROUNDING)).mul(powerOfTwo(exponent(shifted)));
    }

    private static FloatVector wideExp(FloatVector x) {
        FloatVector clamped = x.max(EXP_LOWEST).min(EXP_HIGHEST);
        FloatVector shifted = roundedLog2(clamped);
        IntVector k = exponent(shifted);
        IntVector half = k.lanewise(VectorOperators.ASHR, 1);
        FloatVector scaled = expOfReduced(clamped, shifted.sub(ROUNDING)).mul(powerOfTwo(half))
                .mul(powerOfTwo(k.sub(half)));
        return scaled.blend(x, x.test(VectorOperators.IS_NAN));
    }

    /** x/ln 2 + 1.5·2²³: the nearest integer k to x/ln 2, as a float minus ROUNDING and in the low bits. */
    private static FloatVector roundedLog2(FloatVector x) {
        return x.mul(LOG2_E).add(ROUNDING);
    }

    /** k as an int from {@link #roundedLog2}. */
    private static IntVector exponent(FloatVector shifted) {
        return shifted.reinterpretAsInts().sub(ROUNDING_BITS);
    }

    /** e^r for r = x − k·ln 2, k the nearest integer to x/ln 2 (as a float). */
    private static FloatVector expOfReduced(FloatVector x, FloatVector k) {
        FloatVector r = x.sub(k.mul(LN2_HIGH)).sub(k.mul(LN2_LOW));
        return r.mul(EXP_C6).add(EXP_C5).mul(r).add(EXP_C4).mul(r).add(EXP_C3).mul(r).add(EXP_C2).mul(r).add(1f)
                .mul(r).add(1f);
    }

    /** 2^k as a float for −126 ≤ k ≤ 127. */
    private static FloatVector powerOfTwo(IntVector k) {
        return k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }

    /**
     * sign(θ)·|θ|^(2/3) = θ·|θ|^(−1/3), without a division and in one pass of products: y, a first
     * guess of a^(−1/3) (a = |θ|) from the float's bits, leaves u = a·y³ − 1 in [−0.09, 0.13], and
     * a^(−1/3) = y·(1 + u)^(−1/3), the last factor by a polynomial of degree 5 in u. Zero gives
     * zero, ±∞ and NaN themselves. A vector with a lane outside [2⁻¹⁰⁰, 2¹⁰⁰] (zero, subnormals,
     * huge lanes) is computed again with those lanes scaled by 2^(±72), whose 2/3 power 2^(±48) is
     * exact.
     */
    static FloatVector signedTwoThirdsPower(FloatVector theta) {
        FloatVector a = theta.abs();
        // one comparison: bits − SMALLEST_FAST_BITS as unsigned is at most FAST_BITS_SPAN; adding MIN_VALUE
        // (wrapping) turns that into a signed comparison (the Vector API's unsigned ones differ between JDKs)
        if (a.reinterpretAsInts().add(Integer.MIN_VALUE - SMALLEST_FAST_BITS)
                .compare(VectorOperators.GT, Integer.MIN_VALUE + FAST_BITS_SPAN).anyTrue()) {
            return twoThirdsScaled(theta, a);
        }
        return twoThirdsInRange(theta, a);
    }

    /** The rare path of {@link #signedTwoThirdsPower}: tiny lanes ×2⁷², huge ones ×2⁻⁷², then back by 2^(∓48). */
    private static FloatVector twoThirdsScaled(FloatVector theta, FloatVector a) {
        VectorMask<Float> tiny = a.lt(0x1p-100f);
        VectorMask<Float> huge = a.compare(VectorOperators.GT, 0x1p100f);
        FloatVector scale = a.broadcast(1f).blend(0x1p72f, tiny).blend(0x1p-72f, huge);
        FloatVector unscale = a.broadcast(1f).blend(0x1p-48f, tiny).blend(0x1p48f, huge);
        FloatVector result = twoThirdsInRange(theta.mul(scale), a.mul(scale)).mul(unscale);
        return result.blend(theta, a.eq(Float.POSITIVE_INFINITY));
    }

    /**
     * θ·a^(−1/3) for a = |θ| in [2⁻¹⁰⁰, 2¹⁰⁰] (zero also works: θ·y·p = 0 for the finite y and p it
     * gets), where y³ and a·y³ stay normal floats.
     */
    private static FloatVector twoThirdsInRange(FloatVector theta, FloatVector a) {
        // bits/3 as (bits >>> 16)·21845 (= bits·0.333328, the truncation costs < 0.3% of the guess)
        IntVector third = a.reinterpretAsInts().lanewise(VectorOperators.LSHR, 16).mul(21845);
        FloatVector y = third.broadcast(INVERSE_CUBE_ROOT_MAGIC).sub(third).reinterpretAsFloats();
        FloatVector u = y.mul(y).mul(y).fma(a, a.broadcast(-1f));
        FloatVector p = u.fma(ROOT_C5, ROOT_C4).fma(u, u.broadcast(ROOT_C3)).fma(u, u.broadcast(ROOT_C2))
                .fma(u, u.broadcast(ROOT_C1)).fma(u, u.broadcast(ROOT_C0));
        return theta.mul(y).mul(p);
    }
}
