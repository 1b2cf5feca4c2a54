package org.synapticgeometry.optim;

import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.synapticgeometry.geometry.Potential;

/**
 * A whole {@link MirrorDescent} update (direction, momentum, mirror step) in one pass over
 * float32 tensors seen as native-order byte buffers. It needs the JDK's incubating Vector API
 * ({@code --add-modules jdk.incubator.vector}, which {@code bin/sgeo} passes), read through byte
 * buffers on Java 17 and 18 and through memory segments from Java 19 on ({@link LaneMemory}),
 * with the same results on each. Without that module, on a JDK whose incubating API lacks a
 * method used here, or with {@code -Dsgeo.fusedStep=false}, there is none and MirrorDescent uses
 * libtorch ops.
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
        Supplier<VectorMirrorStep> fused = PotentialKernels.of(potential).fused();
        return fused != null && available() ? fused.get() : null;
    }

    /** Whether this JVM runs fused steps: it has the Vector API, links it, and {@code -Dsgeo.fusedStep=false} is not set. */
    static boolean available() {
        return !"false".equals(System.getProperty("sgeo.fusedStep")) && Linkage.OK;
    }

    /**
     * Whether this JVM's Vector API links and runs every call of the fused steps, checked once on a
     * few lanes: a missing method, or a memory-segment API this JDK refuses (a preview API on Java
     * 19 to 21, run here only through method handles), keeps the libtorch path.
     */
    final class Linkage {
        static final boolean OK = check();

        private Linkage() {
        }

        private static boolean check() {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                System.err.println("sgeo: the fused mirror-descent step needs the module jdk.incubator.vector, which this"
                        + " Java runtime lacks or was not given (Java " + Runtime.version().feature() + "); using libtorch"
                        + " ops, which are slower: run a full JDK 17 or later with --add-modules jdk.incubator.vector"
                        + " (bin/sgeo adds it when the runtime has it)");
                return false;
            }
            try {
                VectorMirrorStep.exerciseEveryPath();
                return true;
            } catch (LinkageError | RuntimeException e) {
                System.err.println("sgeo: the fused mirror-descent step cannot use the Vector API of this JDK (Java "
                        + Runtime.version().feature() + ": " + e.getMessage() + "); using libtorch ops, which are slower");
                return false;
            }
        }
    }
}
