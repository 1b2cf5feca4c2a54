package org.synapticgeometry.optim;

import java.nio.ByteBuffer;
import org.synapticgeometry.geometry.HypentropyPotential;
import org.synapticgeometry.geometry.Potential;

/**
 * A whole {@link MirrorDescent} update (direction, momentum, mirror step) in one pass over
 * float32 tensors seen as native-order byte buffers. It needs the JDK's Vector API
 * ({@code --add-modules jdk.incubator.vector}, which {@code bin/sgeo} passes); without that module,
 * or with {@code -Dsgeo.fusedStep=false}, there is none and MirrorDescent uses libtorch ops.
 */
interface FusedStep {

    /**
     * Updates {@code weight} (and {@code momentum}, unless null) in place from {@code gradient}; all
     * three hold the same number of floats. Large tensors are split over up to {@code threads}
     * threads; the result is the same for any count.
     */
    void update(ByteBuffer weight, ByteBuffer gradient, ByteBuffer momentum, StepCoefficients c, int threads);

    /**
     * The fused step of a potential, or null when the Vector API is absent or switched off, for a
     * p-norm other than the 2-, 3-, 1.5- and 2.5-norm, or for hypentropy with β &gt; 1e18 (whose β²
     * overflows float).
     */
    static FusedStep of(Potential potential) {
        boolean enabled = !"false".equals(System.getProperty("sgeo.fusedStep"));
        if (!enabled || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()
                || potential instanceof HypentropyPotential h && h.beta() > 1e18) {
            return null;
        }
        return VectorMirrorStep.of(potential);
    }
}
