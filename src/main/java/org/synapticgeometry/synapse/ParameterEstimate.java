package org.synapticgeometry.synapse;

/**
 * One fitted parameter with its standard error and 95% interval. The interval comes from the
 * observed information (Wald interval on the parameter's unconstrained scale: log for states, σ
 * and β, logit for weights, mapped back) or from a bootstrap; NaN where it could not be computed
 * (a parameter at its search bound, a singular information matrix).
 *
 * @param name parameter name: {@code c_1}, {@code pi_1}, {@code sigma}, {@code sigma_change}, {@code beta}
 * @param estimate maximum-likelihood estimate
 * @param se standard error (delta method), NaN if unavailable
 * @param lower lower end of the 95% interval
 * @param upper upper end of the 95% interval
 */
public record ParameterEstimate(String name, double estimate, double se, double lower, double upper) {

    /** True when the interval is finite and contains {@code value}. */
    public boolean covers(double value) {
        return lower <= value && value <= upper;
    }

    /** The same estimate with another interval (e.g. a bootstrap percentile interval). */
    public ParameterEstimate withInterval(double lo, double hi) {
        return new ParameterEstimate(name, estimate, se, lo, hi);
    }
}
