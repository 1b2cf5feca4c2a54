package org.synapticgeometry.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The memory-traffic floor of a momentum step on the CPU: plain momentum SGD, b ← μb + g,
 * w ← w − ηb, in one vectorised pass over three float32 tensors (three read, two written), through
 * the same memory path and thread split as the fused mirror steps. Benchmarks report each
 * potential's fused step as a ratio to it: what the potential's arithmetic costs beyond moving the
 * data. Not an optimizer (no weight decay, clipping or schedule).
 */
public final class MomentumFloor {
    private static final VectorMirrorStep.PlainMomentum STEP = FusedStep.available() ? new VectorMirrorStep.PlainMomentum()
            : null;

    private MomentumFloor() {
    }

    /** Whether this JVM can run it (the same condition as for the fused mirror steps). */
    public static boolean available() {
        return STEP != null;
    }

    /**
     * One step in place on contiguous float32 CPU tensors of equal size.
     *
     * @throws IllegalStateException when {@link #available()} is false
     * @throws IllegalArgumentException for tensors the fused steps could not view directly
     */
    public static void step(NDArray weight, NDArray gradient, NDArray momentum, float eta, float mu) {
        if (STEP == null) {
            throw new IllegalStateException("the momentum floor needs the fused step's Vector API (see MirrorDescent)");
        }
        if (!DirectViews.sameCpuFloats(weight, gradient) || !DirectViews.writable(weight, momentum)) {
            throw new IllegalArgumentException("the momentum floor needs contiguous float32 CPU tensors of one size");
        }
        STEP.update(DirectViews.of(weight), DirectViews.of(gradient), DirectViews.of(momentum),
                new StepCoefficients(eta, 1f, 0f, 0f, mu, 0f, false), JniUtils.getNumThreads());
    }
}
