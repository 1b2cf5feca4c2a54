package org.synapticgeometry.optim;

import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.synapticgeometry.geometry.Potential;

/**
 * A whole {@link MirrorDescent} update (direction, momentum, mirror step) in one pass over
 * float32 tensors seen as native-order byte buffers. It needs the JDK's Vector API as Java 17 and
 * 18 have it ({@code --add-modules jdk.incubator.vector}, which {@code bin/sgeo} passes). Without
 * that module, on a later JDK whose incubating API no longer has the methods used here (Java 19
 * replaced {@code fromByteBuffer}), or with {@code -Dsgeo.fusedStep=false}, there is none and
 * MirrorDescent uses libtorch ops.
 */
interface FusedStep {

    /**
     * Updates {@code weight} (and {@code momentum}, unless null) in place from {@code gradient}; all
     * three hold the same number of floats. Large tensors are split over up to {@code threads}
     * threads; the result is the same for any count.
     */
    void update(ByteBuffer weight, ByteBuffer gradient, ByteBuffer momentum, StepCoefficients c, int threads);

    /**
     * The fused step of a potential, or null when the Vector API is absent or switched off, or the
     * potential has none ({@link PotentialKernels#fused}).
     */
    static FusedStep of(Potential potential) {
        boolean enabled = !"false".equals(System.getProperty("sgeo.fusedStep"));
        Supplier<VectorMirrorStep> fused = PotentialKernels.of(potential).fused();
        if (!enabled || fused == null || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty() || !Linkage.OK) {
            return null;
        }
        return fused.get();
    }

    /** Whether this JVM's Vector API links every call of the fused steps, checked once. */
    final class Linkage {
        static final boolean OK = check();

        private Linkage() {
        }

        private static boolean check() {
            try {
                VectorMirrorStep.exerciseEveryPath();
                return true;
            } catch (LinkageError e) {
                System.err.println("sgeo: the fused mirror-descent step needs the Vector API of Java 17 or 18 (this is Java "
                        + Runtime.version().feature() + ": " + e.getMessage() + "); using libtorch ops, which are slower");
                return false;
            }
        }
    }
}
