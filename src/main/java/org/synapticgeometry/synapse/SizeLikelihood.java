package org.synapticgeometry.synapse;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.synapticgeometry.geometry.Potential;

/**
 * The log-likelihood of one or two samples of sizes under a candidate's size model, as a function
 * of the unconstrained parameter vector u of a {@link ParameterLayout}. Observed sizes are positive,
 * so their likelihood is the model's density at those points: mass the model puts on negative sizes
 * is lost, not renormalised. For a fixed potential the sizes are mapped into the dual space once.
 * {@link #value} is the negative mean log-likelihood, the objective the optimizer minimises.
 */
final class SizeLikelihood implements MultivariateFunction {
    /** Objective returned where the log-likelihood is not finite; far above any real value. */
    private static final double PENALTY = 1e10;

    private final Candidate candidate;
    private final ParameterLayout layout;
    private final List<double[]> samples;
    private final List<DualSample> fixedDual;
    private final int total;

    SizeLikelihood(Candidate candidate, ParameterLayout layout, List<double[]> samples) {
        this.candidate = candidate;
        this.layout = layout;
        this.samples = List.copyOf(samples);
        this.fixedDual = candidate.freeBeta() ? null : dualSamples(candidate.fixedPotential());
        this.total = samples.stream().mapToInt(s -> s.length).sum();
    }

    /** Total number of sizes over all samples. */
    int totalSize() {
        return total;
    }

    /** Σ log f(w_i) over every sample at u. */
    double logLikelihood(double[] u) {
        ModelPoint point = layout.decode(u);
        List<DualSample> duals = fixedDual != null ? fixedDual : dualSamples(candidate.potential(point.beta()));
        List<SizeMixture> mixtures = point.mixtures(candidate, samples.size());
        double ll = 0.0;
        for (int s = 0; s < samples.size(); s++) {
            ll += mixtures.get(s).logLikelihood(duals.get(s));
        }
        return ll;
    }

    @Override
    public double value(double[] u) {
        double ll = logLikelihood(u);
        return Double.isFinite(ll) ? -ll / total : PENALTY;
    }

    private List<DualSample> dualSamples(Potential potential) {
        List<DualSample> out = new ArrayList<>(samples.size());
        for (double[] s : samples) {
            out.add(DualSample.of(potential, s));
        }
        return out;
    }
}
