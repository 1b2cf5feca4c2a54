package org.synapticgeometry.geometry;

/**
 * A strictly convex potential φ that defines a mirror map; every method acts elementwise on one
 * weight. Implementations are immutable and thread-safe.
 *
 * <p>Mirror descent takes a step in the dual space: θ = ∇φ(w), θ' = θ − η·d, w' = (∇φ)⁻¹(θ')
 * (Pogodin et al., ICLR 2024, Sec. 2).
 *
 * <p>A potential family is one class here and holds all of its scalar maths. Code outside this
 * package that needs a faster form of a family (a vectorised mirror step, a dual map over arrays)
 * implements {@link Visitor}, one registry per package: the interface is sealed, so a new family
 * is a compile error in every registry until each has its case.
 */
public sealed interface Potential permits PNormPotential, NegativeEntropyPotential, HypentropyPotential {

    /** Canonical name, as accepted by {@link Potentials#parse(String)}: {@code 2-norm}, {@code negative_entropy}, ... */
    String name();

    /** φ(w). Returns NaN where φ is undefined. */
    double value(double w);

    /** The dual map ∇φ(w). Returns a non-finite value where it is undefined (0 under negative entropy). */
    double toDual(double w);

    /**
     * The inverse dual map (∇φ)⁻¹(θ). Sign-preserving potentials (negative entropy) need the sign of
     * the weight, given by {@code reference}: the result has the sign of {@code reference} and is 0
     * when {@code reference} is 0. Other potentials ignore {@code reference}.
     */
    double toPrimal(double theta, double reference);

    /** {@link #toPrimal(double, double)} for a positive reference weight. */
    default double toPrimal(double theta) {
        return toPrimal(theta, 1.0);
    }

    /**
     * log φ''(w), the log-derivative of the dual map (the reciprocal of the derivative of the
     * inverse map): the Jacobian of the change of variables from dual to primal weights. +∞ where
     * φ'' is infinite (w = 0 for negative entropy and for p-norms with p &lt; 2), NaN for NaN.
     */
    double logSecondDerivative(double w);

    /** Calls the visitor's method for this potential's family. */
    <R> R accept(Visitor<R> visitor);

    /** True when mirror steps can never change the sign of a weight (negative entropy). */
    default boolean preservesSign() {
        return false;
    }

    /** Bregman divergence D_φ(a, b) = φ(a) − φ(b) − ∇φ(b)·(a − b), which is ≥ 0. */
    default double divergence(double a, double b) {
        return value(a) - value(b) - toDual(b) * (a - b);
    }

    /**
     * One method per potential family, e.g. to build a family's fast kernel. A registry implements
     * this instead of testing types, so that it handles every family.
     *
     * @param <R> what the registry builds
     */
    interface Visitor<R> {
        /** The p-norm family. */
        R pNorm(PNormPotential potential);

        /** Negative entropy. */
        R negativeEntropy(NegativeEntropyPotential potential);

        /** The hypentropy family. */
        R hypentropy(HypentropyPotential potential);
    }
}
