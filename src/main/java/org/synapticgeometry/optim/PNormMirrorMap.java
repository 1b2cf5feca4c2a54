package org.synapticgeometry.optim;

import ai.djl.ndarray.NDArray;
import org.synapticgeometry.geometry.PNormPotential;

/** The p-norm for p ≠ 2: ∇φ(w) = sign(w)·|w|^(p−1), (∇φ)⁻¹(θ) = sign(θ)·|θ|^(1/(p−1)). */
final class PNormMirrorMap implements MirrorMap {
    private final PNormPotential potential;
    private final float dualExponent;
    private final float primalExponent;

    PNormMirrorMap(PNormPotential potential) {
        this.potential = potential;
        this.dualExponent = (float) (potential.p() - 1.0);
        this.primalExponent = (float) (1.0 / (potential.p() - 1.0));
    }

    @Override
    public PNormPotential potential() {
        return potential;
    }

    @Override
    public NDArray toDual(NDArray w) {
        return signedPower(w, dualExponent);
    }

    @Override
    public NDArray toPrimal(NDArray theta, NDArray reference) {
        return signedPower(theta, primalExponent);
    }

    @Override
    public void step(NDArray weight, NDArray step) {
        try (NDArray theta = signedPower(weight, dualExponent)) {
            theta.subi(step);
            try (NDArray magnitude = theta.abs()) {
                magnitude.powi(primalExponent);
                MirrorMap.assign(weight, theta.signi().muli(magnitude));
            }
        }
    }

    /** sign(x)·|x|^e as a new array; sign(0) = 0 keeps zeros at zero for every exponent. */
    private static NDArray signedPower(NDArray x, float exponent) {
        NDArray out = x.abs().powi(exponent);
        try (NDArray sign = x.sign()) {
            return out.muli(sign);
        }
    }
}
