package org.synapticgeometry.optim;

import static org.synapticgeometry.optim.LaneMemory.load;
import static org.synapticgeometry.optim.LaneMemory.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.synapticgeometry.concurrent.Split;
import org.synapticgeometry.geometry.HypentropyPotential;
import org.synapticgeometry.geometry.NegativeEntropyPotential;
import org.synapticgeometry.geometry.PNormPotential;
import org.synapticgeometry.geometry.Potential;

/**
 * The {@link FusedStep} on the Vector API, in one pass over the tensors: per vector of lanes,
 * d = rescale·clip(g) + λw, the momentum b = μb + (1 − τ)d (b = 0 + d on the first update) is
 * stored, and the potential's sweep takes the mirror step w' = (∇φ)⁻¹(∇φ(w) − s) along s = η·b
 * (or η·(d + μb) with Nesterov). Each tensor is read from memory once and w and b written once,
 * the traffic of a plain momentum step ({@link PlainMomentum}), instead of once per libtorch op.
 * The last partial vector goes through a zero-padded scratch copy, so every load is unmasked.
 * Tensors of at least 2¹⁷ floats are split over as many threads as libtorch's intra-op pool has,
 * like DJL's own SGD. Memory is read and written through {@link LaneMemory}: byte buffers on Java
 * 17 and 18, memory segments later.
 *
 * <p>Each potential is a subclass with its own copy of the short sweep loop and no branches on
 * the potential inside it. That is deliberate: the Vector API keeps lanes in registers only when
 * the JIT inlines every call in the loop, and a loop shared by several potentials (a switch, a
 * virtual call, or a power function with a branch per exponent) exceeds the JIT's inlining budget
 * or its profile as soon as a second potential runs in the same JVM, which made a step 2–8× slower.
 *
 * <ul>
 *   <li>2-norm: w − s.
 *   <li>p-norm: θ = sign(w)|w|^(p−1) − s, w' = sign(θ)|θ|^(1/(p−1)); the paper's 3-, 1.5- and
 *       2.5-norms by products, square roots and {@link LaneMath#signedTwoThirdsPower} (other p
 *       have no fused step).
 *   <li>Negative entropy: w' = w·exp(−sign(w)·s) with {@link LaneMath#exp}; zeros stay zero,
 *       no sign flips.
 *   <li>Hypentropy(β): w' = β·sinh(asinh(w/β) − s) = w·cosh s − √(w² + β²)·sinh s, no asinh
 *       needed, with sinh s and cosh s as Taylor polynomials of degree 7 and 6 (exact to float
 *       precision for |s| ≤ 1/4, the usual step size): one square root per lane, no division, no
 *       exp. The two products cancel only where the step crosses zero. Lanes with |s| &gt; 1/4 (or
 *       |w| &gt; 1e18) use the exact form (G − 1/G)/2, G = e^{asinh|x| − σs}, in an extra pass that
 *       runs only for vectors holding such a lane.
 * </ul>
 *
 * <p>Only +, −, ×, ÷, √, fused multiply-add (exactly rounded, so the same in the interpreter and in
 * compiled code) and bit operations are used (no Vector API transcendental), so a step gives
 * the same bits whether the JIT has compiled the loop yet or not: seeded runs repeat exactly.
 */
abstract sealed class VectorMirrorStep implements FusedStep {
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final int VECTOR_BYTES = LaneMemory.LANES.vectorByteSize();
    /** Tensors split across threads get at least 2¹⁶ floats per thread (libtorch's grain is 2¹⁵). */
    private static final int MIN_CHUNK_BYTES = Float.BYTES << 16;

    /**
     * Runs every step (each potential's and the plain momentum step) once on a few lanes chosen to reach every rare path too (wide
     * exp, scaled 2/3 power, hypentropy's far lanes, the tail), so that a JDK whose Vector API
     * lacks a method fails here, with a {@link LinkageError}, rather than in the middle of training.
     * Returns the classes run, which a test checks are all of them.
     */
    static Set<Class<?>> exerciseEveryPath() {
        float[] values = {0f, 1e-40f, -3e38f, 0.5f, -2f, 1e-3f, 100f, -100f, Float.NaN, 1f, -1f, 7f, 0.2f, -0.3f, 1e30f, 3f,
            0.01f, -0.01f};
        ByteBuffer w = ByteBuffer.allocate(values.length * Float.BYTES).order(ORDER);
        ByteBuffer g = ByteBuffer.allocate(values.length * Float.BYTES).order(ORDER);
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ORDER);
        List<VectorMirrorStep> steps = new ArrayList<>();
        for (Potential p : List.of(PNormPotential.of(2), PNormPotential.of(3), PNormPotential.of(1.5),
                PNormPotential.of(2.5), NegativeEntropyPotential.INSTANCE, HypentropyPotential.of(0.1))) {
            steps.add(PotentialKernels.of(p).fused().get());
        }
        steps.add(new PlainMomentum());
        Set<Class<?>> exercised = new HashSet<>();
        for (VectorMirrorStep step : steps) {
            for (int i = 0; i < values.length; i++) {
                w.putFloat(i * Float.BYTES, values[i]);
                g.putFloat(i * Float.BYTES, values[values.length - 1 - i]);
            }
            step.update(w, g, b, new StepCoefficients(1f, 2f, 50f, 0.01f, 0.9f, 0.1f, true), 1);
            exercised.add(step.getClass());
        }
        return exercised;
    }

    @Override
    public final void update(ByteBuffer weight, ByteBuffer gradient, ByteBuffer momentum, StepCoefficients c,
            int threads) {
        int bytes = weight.capacity();
        int full = bytes - bytes % VECTOR_BYTES;
        int chunks = Math.max(1, Math.min(threads, full / MIN_CHUNK_BYTES));
        Object w = LaneMemory.of(weight);
        Object g = LaneMemory.of(gradient);
        Object b = LaneMemory.of(momentum);
        Split.run(full, chunks, VECTOR_BYTES, (from, to) -> sweep(w, g, b, c, from, to));
        if (full < bytes) {
            ByteBuffer tailWeight = padded(weight, full);
            ByteBuffer tailMomentum = momentum == null ? null : padded(momentum, full);
            sweep(LaneMemory.of(tailWeight), LaneMemory.of(padded(gradient, full)), LaneMemory.of(tailMomentum), c, 0,
                    VECTOR_BYTES);
            copyBack(tailWeight, weight, full);
            if (momentum != null) {
                copyBack(tailMomentum, momentum, full);
            }
        }
    }

    /**
     * Steps the whole vectors in bytes [from, to) in one pass: each vector's momentum is updated and
     * the weight stepped along it (see {@link #dualStep}) before the next vector is read.
     */
    abstract void sweep(Object w, Object g, Object b, StepCoefficients c, int from, int to);

    /** d = rescale·clip(g) + λw at {@code offset}. */
    static FloatVector direction(Object w, Object g, StepCoefficients c, int offset) {
        FloatVector d = load(g, offset);
        if (c.rescale() != 1f) {
            d = d.mul(c.rescale());
        }
        if (c.clip() > 0f) {
            d = d.max(-c.clip()).min(c.clip());
        }
        return c.decay() == 0f ? d : d.add(load(w, offset).mul(c.decay()));
    }

    /**
     * The step in dual units at {@code offset}: η·d without momentum; with momentum, first
     * b = μb + (1 − τ)d is stored, then s = η·b, or η·(d + μb) with Nesterov.
     */
    static FloatVector dualStep(Object w, Object g, Object b, StepCoefficients c, int offset) {
        FloatVector d = direction(w, g, c, offset);
        if (b == null) {
            return d.mul(c.eta());
        }
        FloatVector damped = c.dampening() == 0f ? d : d.mul(1f - c.dampening());
        FloatVector buffer = load(b, offset).mul(c.momentum()).add(damped);
        store(buffer, b, offset);
        return c.nesterov() ? buffer.mul(c.momentum()).add(d).mul(c.eta()) : buffer.mul(c.eta());
    }

    static FloatVector withSignOf(FloatVector magnitude, VectorMask<Float> negative) {
        return magnitude.blend(magnitude.neg(), negative);
    }

    private static ByteBuffer padded(ByteBuffer source, int from) {
        ByteBuffer copy = ByteBuffer.allocate(VECTOR_BYTES).order(ORDER);
        copy.put(0, source, from, source.capacity() - from);
        return copy;
    }

    private static void copyBack(ByteBuffer scratch, ByteBuffer target, int from) {
        target.put(from, scratch, 0, target.capacity() - from);
    }

    /**
     * Not a mirror step: plain momentum SGD, b ← μb + g, w ← w − ηb (rescale, clipping, decay,
     * dampening and Nesterov ignored), in one pass that reads w, g and b once and writes w and b
     * once. The least memory traffic of any momentum step, the floor that the fused steps are
     * measured against ({@link MomentumFloor}).
     */
    static final class PlainMomentum extends VectorMirrorStep {
        @Override
        void sweep(Object w, Object g, Object b, StepCoefficients c, int from, int to) {
            for (int offset = from; offset < to; offset += VECTOR_BYTES) {
                FloatVector buffer = load(b, offset).mul(c.momentum()).add(load(g, offset));
                store(buffer, b, offset);
                store(load(w, offset).sub(buffer.mul(c.eta())), w, offset);
            }
        }
    }

    /** The 2-norm: w − s. */
    static final class Euclidean extends VectorMirrorStep {
        @Override
        void sweep(Object w, Object g, Object b, StepCoefficients c, int from, int to) {
            for (int offset = from; offset < to; offset += VECTOR_BYTES) {
                FloatVector weight = load(w, offset);
                store(weight.sub(dualStep(w, g, b, c, offset)), w, offset);
            }
        }
    }

    /** The 3-norm: θ = w|w| − s, w' = sign(θ)√|θ|. */
    static final class ThreeNorm extends VectorMirrorStep {
        @Override
        void sweep(Object w, Object g, Object b, StepCoefficients c, int from, int to) {
            for (int offset = from; offset < to; offset += VECTOR_BYTES) {
                FloatVector weight = load(w, offset);
                FloatVector theta = weight.mul(weight.abs()).sub(dualStep(w, g, b, c, offset));
                store(withSignOf(theta.abs().sqrt(), theta.lt(0f)), w, offset);
            }
        }
    }

    /** The 1.5-norm: θ = sign(w)√|w| − s, w' = θ|θ|. */
    static final class OneAndHalfNorm extends VectorMirrorStep {
        @Override
        void sweep(Object w, Object g, Object b, StepCoefficients c, int from, int to) {
            for (int offset = from; offset < to; offset += VECTOR_BYTES) {
                FloatVector weight = load(w, offset);
                FloatVector theta = withSignOf(weight.abs().sqrt(), weight.lt(0f)).sub(dualStep(w, g, b, c, offset));
                store(theta.mul(theta.abs()), w, offset);
            }
        }
    }

    /** The 2.5-norm: θ = w√|w| − s, w' = sign(θ)|θ|^(2/3) = θ·|θ|^(−1/3). */
    static final class TwoAndHalfNorm extends VectorMirrorStep {
        @Override
        void sweep(Object w, Object g, Object b, StepCoefficients c, int from, int to) {
            for (int offset = from; offset < to; offset += VECTOR_BYTES) {
                FloatVector weight = load(w, offset);
                FloatVector theta = weight.mul(weight.abs().sqrt()).sub(dualStep(w, g, b, c, offset));
                store(LaneMath.signedTwoThirdsPower(theta), w, offset);
            }
        }
    }

    /** Signed negative entropy: w·exp(−sign(w)·s). */
    static final class NegativeEntropy extends VectorMirrorStep {
        @Override
        void sweep(Object w, Object g, Object b, StepCoefficients c, int from, int to) {
            for (int offset = from; offset < to; offset += VECTOR_BYTES) {
                FloatVector weight = load(w, offset);
                store(step(weight, dualStep(w, g, b, c, offset)), w, offset);
            }
        }

        private static FloatVector step(FloatVector w, FloatVector s) {
            FloatVector exponent = s.neg().blend(s, w.lt(0f)).blend(0f, w.eq(0f));
            return w.mul(LaneMath.exp(exponent));
        }
    }

    /** Hypentropy(β), β ≤ {@value #LARGE}. */
    static final class Hypentropy extends VectorMirrorStep {
        /** Above this |w|, √(w² + β²) = |w| in float and w² could overflow; also the largest β taken. */
        static final float LARGE = 1e18f;
        /** The largest |s| for the Taylor polynomials of sinh and cosh. */
        private static final float NEAR = 0.25f;

        private final float beta;
        private final float betaSquared;

        Hypentropy(float beta) {
            this.beta = beta;
            this.betaSquared = beta * beta;
        }

        @Override
        void sweep(Object w, Object g, Object b, StepCoefficients c, int from, int to) {
            for (int offset = from; offset < to; offset += VECTOR_BYTES) {
                FloatVector weight = load(w, offset);
                store(step(weight, dualStep(w, g, b, c, offset)), w, offset);
            }
        }

        /** w·cosh s − √(w² + β²)·sinh s, sinh and cosh by their Taylor series for |s| ≤ 1/4. */
        private FloatVector step(FloatVector w, FloatVector s) {
            FloatVector root = w.mul(w).add(betaSquared).sqrt();
            FloatVector s2 = s.mul(s);
            FloatVector stepped = w.mul(cosh(s2)).sub(root.mul(sinh(s, s2)));
            VectorMask<Float> far = s.abs().compare(VectorOperators.GT, NEAR).or(w.abs().compare(VectorOperators.GT, LARGE));
            return far.anyTrue() ? stepped.blend(farStep(w, s), far) : stepped;
        }

        /** sinh s = s·(1 + s²/3! + s⁴/5! + s⁶/7!): the first omitted term is below 4e−11 relative for |s| ≤ 1/4. */
        private static FloatVector sinh(FloatVector s, FloatVector s2) {
            return s2.mul(1f / 5040f).add(1f / 120f).mul(s2).add(1f / 6f).mul(s2).add(1f).mul(s);
        }

        /** cosh s = 1 + s²/2! + s⁴/4! + s⁶/6!: the first omitted term is below 4e−10 for |s| ≤ 1/4. */
        private static FloatVector cosh(FloatVector s2) {
            return s2.mul(1f / 720f).add(1f / 24f).mul(s2).add(0.5f).mul(s2).add(1f);
        }

        /**
         * For |s| &gt; 1/4, beyond the polynomials, or |w| &gt; {@value #LARGE}, where w² could
         * overflow (also, for |s| &gt; 1 with |w| ≫ β, w·cosh s and √(w² + β²)·sinh s cancel): with x = |w|/β and
         * σ = sign(w), w' = σβ·(G − 1/G)/2, G = e^{asinh x − σs} = (x + √(1 + x²))·e^{−σs}.
         */
        private FloatVector farStep(FloatVector w, FloatVector s) {
            VectorMask<Float> negative = w.lt(0f);
            FloatVector x = w.abs().div(beta);
            FloatVector e = x.add(x.mul(x).add(1f).sqrt()).blend(x.mul(2f), x.compare(VectorOperators.GT, LARGE));
            FloatVector g = e.mul(LaneMath.exp(s.neg().blend(s, negative)));
            return withSignOf(g.sub(g.broadcast(1f).div(g)).mul(0.5f * beta), negative);
        }
    }
}
