package org.synapticgeometry.synapse;

import java.util.List;

/**
 * The maximum-likelihood fit of one candidate's size model to one sample (or a before/after pair).
 *
 * @param candidate candidate name
 * @param parameters number of free parameters k
 * @param n number of sizes (all samples)
 * @param logLikelihood maximised log-likelihood
 * @param aic 2k − 2·logLikelihood
 * @param bic k·ln(n) − 2·logLikelihood
 * @param point fitted natural parameters
 * @param estimates reported parameters with standard errors and 95% intervals
 * @param mixtures the fitted size distribution of each sample
 * @param ks Kolmogorov–Smirnov distance between each sample and its fitted distribution
 * @param negativeMass probability the fitted model puts on impossible negative sizes, per sample
 * @param notes remarks (parameters at the end of their search range, singular information)
 */
public record CandidateFit(String candidate, int parameters, int n, double logLikelihood, double aic, double bic,
        ModelPoint point, List<ParameterEstimate> estimates, List<SizeMixture> mixtures, List<Double> ks,
        List<Double> negativeMass, List<String> notes) {

    /** Compact constructor: copies the lists. */
    public CandidateFit {
        estimates = List.copyOf(estimates);
        mixtures = List.copyOf(mixtures);
        ks = List.copyOf(ks);
        negativeMass = List.copyOf(negativeMass);
        notes = List.copyOf(notes);
    }

    /** The largest KS distance over the samples. */
    public double maxKs() {
        return ks.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** The largest negative-size mass over the samples. */
    public double maxNegativeMass() {
        return negativeMass.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** The estimate named {@code name}. @throws IllegalArgumentException if there is none */
    public ParameterEstimate estimate(String name) {
        return estimates.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(candidate + " has no parameter " + name));
    }

    /** The same fit with other parameter estimates (e.g. bootstrap intervals). */
    public CandidateFit withEstimates(List<ParameterEstimate> replaced) {
        return new CandidateFit(candidate, parameters, n, logLikelihood, aic, bic, point, replaced, mixtures, ks,
                negativeMass, notes);
    }
}
