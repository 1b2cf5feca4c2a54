package org.synapticgeometry.optim;

import ai.djl.ndarray.NDArray;
import org.synapticgeometry.geometry.NegativeEntropyPotential;

/**
 * Signed negative entropy: ∇φ(w) = sign(w)·(log|w| + 1), (∇φ)⁻¹(θ) = s·exp(s·θ − 1) with s the
 * sign of the weight. The step is multiplicative, w ← w·exp(−η·sign(w)·d): no sign ever flips and
 * an exact zero stays zero (its exponent is 0·η·d = 0).
 */
final class NegativeEntropyMirrorMap implements MirrorMap {
    private final NegativeEntropyPotential potential;

    NegativeEntropyMirrorMap(NegativeEntropyPotential potential) {
        this.potential = potential;
    }

    @Override
    public NegativeEntropyPotential potential() {
        return potential;
    }

    /** Zero weights map to NaN, as in the scalar reference: (log 0 + 1)·sign(0) = −∞·0 = NaN. */
    @Override
    public NDArray toDual(NDArray w) {
        try (NDArray sign = w.sign(); NDArray magnitude = w.abs()) {
            return magnitude.log().addi(1f).muli(sign);
        }
    }

    @Override
    public NDArray toPrimal(NDArray theta, NDArray reference) {
        try (NDArray sign = reference.sign(); NDArray exponent = theta.mul(sign).subi(1f)) {
            return exponent.exp().muli(sign);
        }
    }

    @Override
    public void step(NDArray weight, NDArray direction, float eta) {
        try (NDArray exponent = weight.sign().muli(direction).muli(-eta); NDArray factor = exponent.exp()) {
            weight.muli(factor);
        }
    }
}
