package org.synapticgeometry.geometry;

/**
 * The p-norm potential φ(w) = |w|^p / p for real p &gt; 1; p = 2 is plain gradient descent.
 * ∇φ(w) = sign(w)·|w|^(p−1) and (∇φ)⁻¹(θ) = sign(θ)·|θ|^(1/(p−1)).
 */
public final class PNormPotential implements Potential {
    private final double p;
    private final double inverseExponent;
    private final String name;

    private PNormPotential(double p) {
        if (!(p > 1.0) || Double.isInfinite(p)) {
            throw new IllegalArgumentException("p-norm potential needs a finite p > 1, found p = " + p
                    + " (1/(p-1) is undefined for p <= 1)");
        }
        this.p = p;
        this.inverseExponent = 1.0 / (p - 1.0);
        this.name = Potentials.formatNumber(p) + "-norm";
    }

    /** The p-norm potential for a finite p &gt; 1. @throws IllegalArgumentException if p ≤ 1, NaN or infinite */
    public static PNormPotential of(double p) {
        return new PNormPotential(p);
    }

    /** The exponent p. */
    public double p() {
        return p;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double value(double w) {
        return Math.pow(Math.abs(w), p) / p;
    }

    @Override
    public double toDual(double w) {
        if (p == 2.0) {
            return w;
        }
        return Math.signum(w) * Math.pow(Math.abs(w), p - 1.0);
    }

    @Override
    public double toPrimal(double theta, double reference) {
        if (p == 2.0) {
            return theta;
        }
        return Math.signum(theta) * Math.pow(Math.abs(theta), inverseExponent);
    }

    /** log((p − 1)·|w|^(p−2)); exactly 0 for the 2-norm. */
    @Override
    public double logSecondDerivative(double w) {
        return p == 2.0 ? 0.0 : Math.log(p - 1.0) + (p - 2.0) * Math.log(Math.abs(w));
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.pNorm(this);
    }

    @Override
    public String toString() {
        return name;
    }
}
