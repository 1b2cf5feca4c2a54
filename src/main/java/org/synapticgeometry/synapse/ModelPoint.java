package org.synapticgeometry.synapse;

import java.util.ArrayList;
import java.util.List;

/**
 * Natural parameters of one size model: states c_j, weights π_j, the dual-space SD σ of the first
 * (or only) sample, for a joint before/after fit the SD σ_Δ of the learning-driven change (the after
 * sample has SD sqrt(σ² + σ_Δ²)), and β when it is fitted (NaN otherwise).
 *
 * @param states c_j &gt; 0
 * @param weights π_j summing to 1
 * @param sigma σ of the first sample
 * @param changeSigma σ_Δ (NaN for a single sample)
 * @param beta fitted hypentropy β (NaN when not fitted)
 */
public record ModelPoint(double[] states, double[] weights, double sigma, double changeSigma, double beta) {

    /** The predicted size distribution of each sample (one, or before and after) under {@code candidate}. */
    public List<SizeMixture> mixtures(Candidate candidate, int samples) {
        List<SizeMixture> out = new ArrayList<>(samples);
        for (int s = 0; s < samples; s++) {
            double sd = s == 0 ? sigma : Math.hypot(sigma, changeSigma);
            out.add(SizeMixture.of(candidate.potential(beta), states, weights, sd));
        }
        return out;
    }
}
