package org.synapticgeometry.geometry;

/**
 * Signed negative entropy φ(w) = |w|·log|w|, the potential of the exponentiated gradient.
 * ∇φ(w) = sign(w)·(log|w| + 1); the inverse needs the weight's sign s: w = s·exp(s·θ − 1).
 * Mirror steps are multiplicative, w' = w·exp(−η·sign(w)·d): no weight ever changes sign, and an
 * exact zero stays zero (its dual value is undefined, returned as NaN).
 */
public final class NegativeEntropyPotential implements Potential {
    /** The single instance; the potential has no parameters. */
    public static final NegativeEntropyPotential INSTANCE = new NegativeEntropyPotential();

    /** Canonical name. */
    public static final String NAME = "negative_entropy";

    private NegativeEntropyPotential() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double value(double w) {
        double a = Math.abs(w);
        return a == 0.0 ? 0.0 : a * Math.log(a);
    }

    /** Returns NaN for w = 0 (log 0 is undefined) and for NaN input. */
    @Override
    public double toDual(double w) {
        if (w == 0.0) {
            return Double.NaN;
        }
        return Math.signum(w) * (Math.log(Math.abs(w)) + 1.0);
    }

    @Override
    public double toPrimal(double theta, double reference) {
        double s = Math.signum(reference);
        if (s == 0.0) {
            return 0.0;
        }
        return s * Math.exp(s * theta - 1.0);
    }

    /** log(1/|w|). */
    @Override
    public double logSecondDerivative(double w) {
        return -Math.log(Math.abs(w));
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.negativeEntropy(this);
    }

    @Override
    public boolean preservesSign() {
        return true;
    }

    /** Bregman divergence; +∞ when a and b have different signs (the dual map does not cross 0). */
    @Override
    public double divergence(double a, double b) {
        if (a == b) {
            return 0.0;
        }
        if (Math.signum(a) * Math.signum(b) < 0 || b == 0.0) {
            return Double.POSITIVE_INFINITY;
        }
        double x = Math.abs(a);
        double y = Math.abs(b);
        return (x == 0.0 ? 0.0 : x * Math.log(x / y)) - x + y;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
