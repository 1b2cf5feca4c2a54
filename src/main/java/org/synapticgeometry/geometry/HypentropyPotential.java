package org.synapticgeometry.geometry;

/**
 * Hyperbolic entropy with scale β &gt; 0: φ(w) = w·asinh(w/β) − sqrt(w² + β²), ∇φ(w) = asinh(w/β),
 * (∇φ)⁻¹(θ) = β·sinh(θ). Large β behaves like gradient descent, small β like the exponentiated
 * gradient while still allowing sign changes (Ghai et al. 2020). An extension beyond the paper.
 */
public final class HypentropyPotential implements Potential {
    private final double beta;
    private final String name;

    private HypentropyPotential(double beta) {
        if (!(beta > 0.0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("hypentropy needs a finite beta > 0, found beta = " + beta);
        }
        this.beta = beta;
        this.name = "hypentropy:" + Potentials.formatNumber(beta);
    }

    /** Hypentropy with scale β. @throws IllegalArgumentException if β ≤ 0, NaN or infinite */
    public static HypentropyPotential of(double beta) {
        return new HypentropyPotential(beta);
    }

    /** The scale β. */
    public double beta() {
        return beta;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double value(double w) {
        return w * asinh(w / beta) - Math.hypot(w, beta);
    }

    @Override
    public double toDual(double w) {
        return asinh(w / beta);
    }

    @Override
    public double toPrimal(double theta, double reference) {
        return beta * Math.sinh(theta);
    }

    /** log(1/√(w² + β²)). */
    @Override
    public double logSecondDerivative(double w) {
        return -0.5 * Math.log(w * w + beta * beta);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.hypentropy(this);
    }

    /** asinh(x) = sign(x)·log(|x| + sqrt(x² + 1)), written to stay accurate for large |x|. */
    static double asinh(double x) {
        double a = Math.abs(x);
        double r = a > 1e8 ? Math.log(a) + Math.log(2.0) : Math.log1p(a + a * a / (1.0 + Math.sqrt(1.0 + a * a)));
        return Math.copySign(r, x);
    }

    @Override
    public String toString() {
        return name;
    }
}
