package org.synapticgeometry.geometry;

/**
 * A strictly convex potential φ that defines a mirror map; every method acts elementwise on one
 * weight. Implementations are immutable and thread-safe.
 *
 * <p>Mirror descent takes a step in the dual space: θ = ∇φ(w), θ' = θ − η·d, w' = (∇φ)⁻¹(θ')
 * (Pogodin et al., ICLR 2024, Sec. 2).
 */
public interface Potential {

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

    /** True when mirror steps can never change the sign of a weight (negative entropy). */
    default boolean preservesSign() {
        return false;
    }

    /** Bregman divergence D_φ(a, b) = φ(a) − φ(b) − ∇φ(b)·(a − b), which is ≥ 0. */
    default double divergence(double a, double b) {
        return value(a) - value(b) - toDual(b) * (a - b);
    }
}
