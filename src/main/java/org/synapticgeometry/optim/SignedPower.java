package org.synapticgeometry.optim;

import ai.djl.ndarray.NDArray;

/**
 * sign(x)·|x|^e on NDArrays, built from fast elementwise kernels. libtorch's {@code pow} with a
 * non-integer exponent (which DJL passes as a tensor) runs about ten times slower than
 * {@code sqrt}, {@code log} or {@code exp} here, so the paper's exponents take exact shortcuts
 * (e = 2: x·|x|; e = 1/2: sign(x)·√|x|; e = 3/2: x·√|x|) and any other exponent uses
 * exp(e·log|x|) (relative error about e·|log|x||·2⁻²⁴, below 1e−6 for weights above 1e−7).
 * Zeros map to zero for every e &gt; 0.
 */
final class SignedPower {
    private SignedPower() {
    }

    /** A new array holding sign(x)·|x|^e, e &gt; 0. */
    static NDArray of(NDArray x, double e) {
        if (e == 1.0) {
            return x.duplicate();
        }
        if (e == 2.0) {
            return x.abs().muli(x);
        }
        try (NDArray a = x.abs()) {
            if (e > 1.0) {
                return magnitude(a, e - 1.0).muli(x);
            }
            try (NDArray sign = x.sign()) {
                return magnitude(a, e).muli(sign);
            }
        }
    }

    /** A new array holding a^e for a ≥ 0 (the input is not modified). */
    private static NDArray magnitude(NDArray a, double e) {
        if (e == 1.0) {
            return a.duplicate();
        }
        if (e == 2.0) {
            return a.mul(a);
        }
        if (e == 0.5) {
            return a.sqrt();
        }
        if (e == 1.5) {
            return a.sqrt().muli(a);
        }
        try (NDArray log = a.log()) {
            return log.muli((float) e).exp();
        }
    }
}
