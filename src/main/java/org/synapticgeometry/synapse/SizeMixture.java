package org.synapticgeometry.synapse;

import java.util.Arrays;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.stats.Normal;

/**
 * The distribution of sizes predicted by one potential: w = (∇φ)⁻¹(∇φ(c_j) + ξ) with probability
 * π_j, ξ ~ N(0, σ²). In the dual space t = ∇φ(w) this is a Gaussian mixture with means ∇φ(c_j) and a
 * common σ; the density of w is that mixture times φ''(w) (change of variables). Under negative
 * entropy every size keeps the sign of its state (a mixture of log-normals); under p-norms and
 * hypentropy the inverse map crosses 0, so part of the mass falls on impossible negative sizes.
 * Immutable.
 */
public final class SizeMixture {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2.0 * Math.PI);

    private final Potential potential;
    private final double[] states;
    private final double[] weights;
    private final double sigma;
    private final double[] dualStates;
    private final double[] logWeights;
    private final double logNorm;

    private SizeMixture(Potential potential, double[] states, double[] weights, double sigma) {
        this.potential = potential;
        this.states = states;
        this.weights = weights;
        this.sigma = sigma;
        this.dualStates = Arrays.stream(states).map(potential::toDual).toArray();
        this.logWeights = Arrays.stream(weights).map(Math::log).toArray();
        this.logNorm = Math.log(sigma) + LOG_SQRT_2PI;
    }

    /**
     * A mixture with positive states c_j, weights π_j summing to 1 and dual-space SD σ.
     *
     * @throws IllegalArgumentException if the arrays differ in length or are empty, a state is not
     *     finite and &gt; 0, a weight is not in [0, 1], the weights do not sum to 1 (±1e-9), or σ is
     *     not finite and &gt; 0
     */
    public static SizeMixture of(Potential potential, double[] states, double[] weights, double sigma) {
        if (states.length == 0 || states.length != weights.length) {
            throw new IllegalArgumentException("states and weights must be non-empty and of equal length, found "
                    + states.length + " and " + weights.length);
        }
        double sum = 0.0;
        for (int j = 0; j < states.length; j++) {
            if (!(states[j] > 0.0) || Double.isInfinite(states[j])) {
                throw new IllegalArgumentException("state c_" + (j + 1) + " must be finite and > 0, found " + states[j]);
            }
            if (!(weights[j] >= 0.0 && weights[j] <= 1.0)) {
                throw new IllegalArgumentException("weight pi_" + (j + 1) + " must be in [0, 1], found " + weights[j]);
            }
            sum += weights[j];
        }
        if (!(Math.abs(sum - 1.0) <= 1e-9)) {
            throw new IllegalArgumentException("weights must sum to 1, found " + sum);
        }
        if (!(sigma > 0.0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be finite and > 0, found " + sigma);
        }
        return new SizeMixture(potential, states.clone(), weights.clone(), sigma);
    }

    /** The potential φ. */
    public Potential potential() {
        return potential;
    }

    /** The states c_j (a copy). */
    public double[] states() {
        return states.clone();
    }

    /** The weights π_j (a copy). */
    public double[] weights() {
        return weights.clone();
    }

    /** The dual-space SD σ of the change ξ. */
    public double sigma() {
        return sigma;
    }

    /** log f(w), the log density of a size; −∞ where the model puts no mass (w ≤ 0 under negative entropy). */
    public double logDensity(double w) {
        if (potential.preservesSign() && !(w > 0.0)) {
            return Double.NEGATIVE_INFINITY;
        }
        return logKernel(potential.toDual(w)) + potential.logSecondDerivative(w);
    }

    /** F(w) = P(size ≤ w) = Σ π_j Φ((∇φ(w) − ∇φ(c_j))/σ); 0 for w ≤ 0 under negative entropy. */
    public double cdf(double w) {
        if (potential.preservesSign() && !(w > 0.0)) {
            return 0.0;
        }
        double t = potential.toDual(w);
        double f = 0.0;
        for (int j = 0; j < states.length; j++) {
            f += weights[j] * Normal.cdf((t - dualStates[j]) / sigma);
        }
        return f;
    }

    /** P(size &lt; 0): the mass the model puts on impossible negative sizes (0 under negative entropy). */
    public double negativeMass() {
        return potential.preservesSign() ? 0.0 : cdf(0.0);
    }

    /** Σ log f(w_i) over a sample already mapped into this mixture's dual space. */
    double logLikelihood(DualSample sample) {
        double total = sample.logJacobianSum();
        for (int i = 0; i < sample.size(); i++) {
            total += logKernel(sample.dual(i));
        }
        return total;
    }

    /** log of the dual-space mixture density at t, by log-sum-exp with one exponential per extra state. */
    private double logKernel(double t) {
        int best = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < dualStates.length; j++) {
            double aj = logTerm(j, t);
            if (aj > max) {
                max = aj;
                best = j;
            }
        }
        double s = 0.0;
        for (int j = 0; j < dualStates.length; j++) {
            if (j != best) {
                s += Math.exp(logTerm(j, t) - max);
            }
        }
        return max + Math.log1p(s) - logNorm;
    }

    private double logTerm(int j, double t) {
        double z = (t - dualStates[j]) / sigma;
        return logWeights[j] - 0.5 * z * z;
    }
}
