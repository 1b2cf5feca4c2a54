package org.synapticgeometry.synapse;

/**
 * One candidate's place in the ranking of a size fit.
 *
 * @param rank 1 for the best (lowest BIC)
 * @param fit the candidate's fit
 * @param deltaBic BIC − the best BIC (≥ 0); 2·ln of the approximate Bayes factor against the candidate
 * @param deltaAic AIC − the lowest AIC over the candidates
 * @param bicWeight exp(−ΔBIC/2) normalised over the candidates: approximate posterior probability
 *     under equal prior odds
 * @param verdict words for ΔBIC on the Kass–Raftery scale: best, not distinguishable, positive,
 *     strong, or ruled out (very strong evidence against)
 */
public record RankedCandidate(int rank, CandidateFit fit, double deltaBic, double deltaAic, double bicWeight,
        String verdict) {

    /** log10 of the approximate Bayes factor of the best candidate against this one: ΔBIC / (2 ln 10). */
    public double log10BayesFactor() {
        return deltaBic / (2.0 * Math.log(10.0));
    }
}
