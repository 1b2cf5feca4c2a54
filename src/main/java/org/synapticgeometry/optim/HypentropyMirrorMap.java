package org.synapticgeometry.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.synapticgeometry.geometry.HypentropyPotential;

/** Hypentropy(β): ∇φ(w) = asinh(w/β), (∇φ)⁻¹(θ) = β·sinh(θ). */
final class HypentropyMirrorMap implements MirrorMap {
    private final HypentropyPotential potential;
    private final float beta;

    HypentropyMirrorMap(HypentropyPotential potential) {
        this.potential = potential;
        this.beta = (float) potential.beta();
    }

    @Override
    public HypentropyPotential potential() {
        return potential;
    }

    /**
     * asinh(w/β) = sign(x)·log(|x| + sqrt(x² + 1)) with x = w/β. DJL's PyTorch engine has no asinh
     * (nor log1p), so the formula is evaluated in float64, where the log(1 + small) cancellation
     * costs at most ~1e−16 absolute, far below float32 resolution.
     */
    @Override
    public NDArray toDual(NDArray w) {
        try (NDArray x = w.toType(DataType.FLOAT64, true).divi(beta); NDArray sign = x.sign();
                NDArray a = x.abs(); NDArray square = a.mul(a).addi(1.0); NDArray root = square.sqrt()) {
            try (NDArray asinh = root.addi(a).log().muli(sign)) {
                return asinh.toType(w.getDataType(), true);
            }
        }
    }

    @Override
    public NDArray toPrimal(NDArray theta, NDArray reference) {
        return theta.sinh().muli(beta);
    }

    @Override
    public void step(NDArray weight, NDArray direction, float eta) {
        try (NDArray theta = toDual(weight); NDArray step = direction.mul(eta)) {
            theta.subi(step);
            try (NDArray primal = theta.sinh()) {
                MirrorMap.assign(weight, primal.muli(beta));
            }
        }
    }
}
