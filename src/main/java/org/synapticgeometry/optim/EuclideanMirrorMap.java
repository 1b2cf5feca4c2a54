package org.synapticgeometry.optim;

import ai.djl.ndarray.NDArray;
import org.synapticgeometry.geometry.PNormPotential;

/** The 2-norm: ∇φ is the identity, so the mirror step is the gradient step w ← w − η·d. */
final class EuclideanMirrorMap implements MirrorMap {
    private final PNormPotential potential;

    EuclideanMirrorMap(PNormPotential potential) {
        this.potential = potential;
    }

    @Override
    public PNormPotential potential() {
        return potential;
    }

    @Override
    public NDArray toDual(NDArray w) {
        return w.duplicate();
    }

    @Override
    public NDArray toPrimal(NDArray theta, NDArray reference) {
        return theta.duplicate();
    }

    @Override
    public void step(NDArray weight, NDArray direction, float eta) {
        try (NDArray step = direction.mul(eta)) {
            weight.subi(step);
        }
    }
}
