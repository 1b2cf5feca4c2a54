package org.synapticgeometry.synapse;

import org.synapticgeometry.geometry.HypentropyPotential;
import org.synapticgeometry.geometry.NegativeEntropyPotential;
import org.synapticgeometry.geometry.PNormPotential;
import org.synapticgeometry.geometry.Potential;

/**
 * The Jacobian of the change of variables ξ ↦ w of the size model: if w = (∇φ)⁻¹(θ + ξ) then
 * dξ/dw = φ''(w), the derivative of the dual map (the reciprocal of the derivative of the inverse
 * map). Closed forms per family, on log scale: negative entropy 1/|w|, p-norm (p − 1)·|w|^(p−2),
 * hypentropy 1/sqrt(w² + β²).
 */
final class DualJacobian {
    private DualJacobian() {
    }

    /**
     * log φ''(w). Returns +∞ at w = 0 for negative entropy and p-norms with p &lt; 2 (the density is
     * singular there but integrable); NaN for NaN.
     *
     * @throws IllegalArgumentException for a potential family without a closed form here
     */
    static double log(Potential potential, double w) {
        double a = Math.abs(w);
        if (potential instanceof NegativeEntropyPotential) {
            return -Math.log(a);
        }
        if (potential instanceof PNormPotential pNorm) {
            double p = pNorm.p();
            return p == 2.0 ? 0.0 : Math.log(p - 1.0) + (p - 2.0) * Math.log(a);
        }
        if (potential instanceof HypentropyPotential hyp) {
            double b = hyp.beta();
            return -0.5 * Math.log(w * w + b * b);
        }
        throw new IllegalArgumentException("no size model for potential " + potential.name()
                + "; use negative_entropy, a p-norm or hypentropy");
    }
}
