package org.synapticgeometry.optim;

import java.util.function.Supplier;
import org.synapticgeometry.geometry.HypentropyPotential;
import org.synapticgeometry.geometry.NegativeEntropyPotential;
import org.synapticgeometry.geometry.PNormPotential;
import org.synapticgeometry.geometry.Potential;

/**
 * The one place where this package maps a potential family to its kernels: the {@link MirrorMap}
 * every family has (a chain of libtorch ops), and the {@link VectorMirrorStep} of the families and
 * parameters that have a fused CPU step. A new family in {@code geometry} does not compile until
 * it has a case here.
 *
 * @param map the vectorised mirror map
 * @param fused makes the fused step, or null when there is none (a p-norm other than the 2-, 3-,
 *     1.5- and 2.5-norm, whose general powers would need the Vector API's {@code POW}, which is not
 *     bit-reproducible, see {@link LaneMath}; hypentropy with β &gt; 1e18, whose β² overflows
 *     float). A supplier written as a lambda, not a constructor reference: a constructor reference
 *     resolves its class (and with it the Vector API) when the supplier is made, a lambda only when it
 *     runs, so a JVM without {@code jdk.incubator.vector} never loads it.
 */
record PotentialKernels(MirrorMap map, Supplier<VectorMirrorStep> fused) {
    private static final Potential.Visitor<PotentialKernels> REGISTRY = new Potential.Visitor<>() {
        @Override
        public PotentialKernels pNorm(PNormPotential p) {
            if (p.p() == 2.0) {
                return new PotentialKernels(new EuclideanMirrorMap(p), () -> new VectorMirrorStep.Euclidean());
            }
            Supplier<VectorMirrorStep> fused = switch (Double.toString(p.p())) {
                case "3.0" -> () -> new VectorMirrorStep.ThreeNorm();
                case "1.5" -> () -> new VectorMirrorStep.OneAndHalfNorm();
                case "2.5" -> () -> new VectorMirrorStep.TwoAndHalfNorm();
                default -> null;
            };
            return new PotentialKernels(new PNormMirrorMap(p), fused);
        }

        @Override
        public PotentialKernels negativeEntropy(NegativeEntropyPotential p) {
            return new PotentialKernels(new NegativeEntropyMirrorMap(p), () -> new VectorMirrorStep.NegativeEntropy());
        }

        @Override
        public PotentialKernels hypentropy(HypentropyPotential p) {
            float beta = (float) p.beta();
            return new PotentialKernels(new HypentropyMirrorMap(p),
                    p.beta() > 1e18 ? null : () -> new VectorMirrorStep.Hypentropy(beta));
        }
    };

    /** The kernels of a potential. */
    static PotentialKernels of(Potential potential) {
        return potential.accept(REGISTRY);
    }
}
