package org.synapticgeometry.optim;

import ai.djl.ndarray.NDArray;
import org.synapticgeometry.geometry.PNormPotential;

/** The p-norm for p ≠ 2: ∇φ(w) = sign(w)·|w|^(p−1), (∇φ)⁻¹(θ) = sign(θ)·|θ|^(1/(p−1)). */
final class PNormMirrorMap implements MirrorMap {
    private final PNormPotential potential;
    private final double dualExponent;
    private final double primalExponent;

    PNormMirrorMap(PNormPotential potential) {
        this.potential = potential;
        this.dualExponent = potential.p() - 1.0;
        this.primalExponent = 1.0 / (potential.p() - 1.0);
    }

    @Override
    public PNormPotential potential() {
        return potential;
    }

    @Override
    public NDArray toDual(NDArray w) {
        return SignedPower.of(w, dualExponent);
    }

    @Override
    public NDArray toPrimal(NDArray theta, NDArray reference) {
        return SignedPower.of(theta, primalExponent);
    }

    @Override
    public void step(NDArray weight, NDArray direction, float eta) {
        try (NDArray step = direction.mul(eta); NDArray theta = SignedPower.of(weight, dualExponent).subi(step);
                NDArray primal = SignedPower.of(theta, primalExponent)) {
            MirrorMap.assign(weight, primal);
        }
    }
}
