package org.synapticgeometry.synapse;

import org.synapticgeometry.geometry.Potential;

/**
 * Sizes seen in one potential's dual space: t_i = ∇φ(w_i) and Σ log φ''(w_i). For a fixed potential
 * these do not depend on the model's parameters, so a likelihood evaluated many times during a fit
 * maps the sizes once.
 */
final class DualSample {
    private final double[] dual;
    private final double logJacobianSum;

    private DualSample(double[] dual, double logJacobianSum) {
        this.dual = dual;
        this.logJacobianSum = logJacobianSum;
    }

    /** Maps positive sizes into the dual space of {@code potential}. */
    static DualSample of(Potential potential, double[] sizes) {
        double[] t = new double[sizes.length];
        double jac = 0.0;
        for (int i = 0; i < sizes.length; i++) {
            t[i] = potential.toDual(sizes[i]);
            jac += potential.logSecondDerivative(sizes[i]);
        }
        return new DualSample(t, jac);
    }

    /** Number of sizes. */
    int size() {
        return dual.length;
    }

    /** The i-th dual value ∇φ(w_i). */
    double dual(int i) {
        return dual[i];
    }

    /** Σ log φ''(w_i), the log Jacobian of the whole sample. */
    double logJacobianSum() {
        return logJacobianSum;
    }
}
