package org.synapticgeometry.optim;

import ai.djl.ndarray.NDArray;
import org.synapticgeometry.geometry.HypentropyPotential;
import org.synapticgeometry.geometry.NegativeEntropyPotential;
import org.synapticgeometry.geometry.PNormPotential;
import org.synapticgeometry.geometry.Potential;

/**
 * The vectorised mirror map of a {@link Potential}: the dual map ∇φ, its inverse and the mirror
 * step, elementwise on an {@link NDArray}. The scalar methods of the potential are the reference
 * these are tested against.
 */
public interface MirrorMap {

    /** The scalar potential this map vectorises. */
    Potential potential();

    /** A new array holding ∇φ(w). */
    NDArray toDual(NDArray w);

    /**
     * A new array holding (∇φ)⁻¹(θ); sign-preserving potentials take the sign of each weight from
     * {@code reference} (other potentials ignore it).
     */
    NDArray toPrimal(NDArray theta, NDArray reference);

    /**
     * Replaces {@code weight} in place by (∇φ)⁻¹(∇φ(w) − η·d), the mirror step along
     * {@code direction} d, which is not modified.
     */
    void step(NDArray weight, NDArray direction, float eta);

    /**
     * The mirror map of a potential.
     *
     * @throws IllegalArgumentException for a potential type without a vectorised form
     */
    static MirrorMap of(Potential potential) {
        if (potential instanceof PNormPotential p) {
            return p.p() == 2.0 ? new EuclideanMirrorMap(p) : new PNormMirrorMap(p);
        }
        if (potential instanceof NegativeEntropyPotential ne) {
            return new NegativeEntropyMirrorMap(ne);
        }
        if (potential instanceof HypentropyPotential h) {
            return new HypentropyMirrorMap(h);
        }
        throw new IllegalArgumentException("potential " + potential.name() + " has no vectorised mirror map");
    }

    /** Copies {@code source} into {@code target} in place (same shape), keeping target's identity. */
    static void assign(NDArray target, NDArray source) {
        target.subi(target).addi(source);
    }
}
