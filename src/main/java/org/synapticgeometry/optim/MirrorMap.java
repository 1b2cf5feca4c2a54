package org.synapticgeometry.optim;

import ai.djl.ndarray.NDArray;
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

    /** The mirror map of a potential (every potential has one). */
    static MirrorMap of(Potential potential) {
        return PotentialKernels.of(potential).map();
    }

    /** Copies {@code source} into {@code target} in place (same shape), keeping target's identity. */
    static void assign(NDArray target, NDArray source) {
        target.subi(target).addi(source);
    }
}
