package org.synapticgeometry.synapse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * How a size model's parameters are laid out in the unconstrained vector u that the optimizer
 * searches: log c_1..log c_K, logit π_1 (K = 2 only), log s, log s_Δ (joint fits), log β (fitted
 * hypentropy). The spreads s are on the size scale: s = σ / φ''(m) at the median size m, the SD a
 * small dual change σ makes at m. For a fixed potential this only shifts log σ; for hypentropy it
 * removes the ridge along which σ and β trade off (σ·β is what matters when β ≫ m, σ alone when
 * β ≪ m), so a search can run β to the end of its range without crawling.
 */
final class ParameterLayout {
    private final int states;
    private final boolean joint;
    private final Candidate candidate;
    private final double medianSize;

    /** How a reported parameter follows from its link value h(u): exp, logistic, or 1 − logistic. */
    enum Scale {
        /** h is the log of the parameter. */
        LOG,
        /** h is the logit of the parameter. */
        LOGIT,
        /** h is the logit of 1 − the parameter (π_2 = 1 − π_1). */
        LOGIT_COMPLEMENT;

        /** The parameter at link value h. */
        double apply(double h) {
            return switch (this) {
                case LOG -> Math.exp(h);
                case LOGIT -> logistic(h);
                case LOGIT_COMPLEMENT -> 1.0 - logistic(h);
            };
        }

        /** d parameter / dh, for the delta method. */
        double derivative(double h) {
            double l = logistic(h);
            return switch (this) {
                case LOG -> Math.exp(h);
                case LOGIT -> l * (1.0 - l);
                case LOGIT_COMPLEMENT -> -l * (1.0 - l);
            };
        }
    }

    /**
     * One reported parameter: its name, the coordinate it belongs to, its link value h(u) (which may
     * also depend on other coordinates, as σ depends on β) and the scale that maps h to it.
     */
    record Natural(String name, int index, ToDoubleFunction<double[]> link, Scale scale) {
        /** The parameter's value at u. */
        double valueAt(double[] u) {
            return scale.apply(link.applyAsDouble(u));
        }
    }

    /**
     * A layout for K states, one or two (joint) samples and a candidate, with the median size m of
     * the (first) sample as the reference of the spreads.
     *
     * @throws IllegalArgumentException if K is not 1 or 2
     */
    ParameterLayout(int states, boolean joint, Candidate candidate, double medianSize) {
        if (states != 1 && states != 2) {
            throw new IllegalArgumentException("--states must be 1 or 2, found " + states);
        }
        this.states = states;
        this.joint = joint;
        this.candidate = candidate;
        this.medianSize = medianSize;
    }

    /** Number of free parameters. */
    int dimension() {
        return states + (states - 1) + 1 + (joint ? 1 : 0) + (candidate.freeBeta() ? 1 : 0);
    }

    /** The name of each coordinate's parameter, in order. */
    List<String> coordinateNames() {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < states; j++) {
            out.add("c_" + (j + 1));
        }
        if (states == 2) {
            out.add("pi_1");
        }
        out.add("sigma");
        if (joint) {
            out.add("sigma_change");
        }
        if (candidate.freeBeta()) {
            out.add("beta");
        }
        return out;
    }

    private int sigmaIndex() {
        return 2 * states - 1;
    }

    private int betaIndex() {
        return dimension() - 1;
    }

    private double beta(double[] u) {
        return candidate.freeBeta() ? Math.exp(u[betaIndex()]) : Double.NaN;
    }

    /** log φ''(m): log σ = log s + this. */
    private double logJacobianAtMedian(double beta) {
        return candidate.potential(beta).logSecondDerivative(medianSize);
    }

    /** Natural parameters from u. */
    ModelPoint decode(double[] u) {
        double[] c = new double[states];
        for (int j = 0; j < states; j++) {
            c[j] = Math.exp(u[j]);
        }
        double[] w = states == 1 ? new double[] {1.0}
                : new double[] {Scale.LOGIT.apply(u[2]), Scale.LOGIT_COMPLEMENT.apply(u[2])};
        double beta = beta(u);
        double shift = logJacobianAtMedian(beta);
        double sigma = Math.exp(u[sigmaIndex()] + shift);
        double change = joint ? Math.exp(u[sigmaIndex() + 1] + shift) : Double.NaN;
        return new ModelPoint(c, w, sigma, change, beta);
    }

    /** u from natural parameters (inverse of {@link #decode}). */
    double[] encode(ModelPoint m) {
        double[] u = new double[dimension()];
        for (int j = 0; j < states; j++) {
            u[j] = Math.log(m.states()[j]);
        }
        if (states == 2) {
            double p = m.weights()[0];
            u[2] = Math.log(p / (1.0 - p));
        }
        double shift = logJacobianAtMedian(m.beta());
        u[sigmaIndex()] = Math.log(m.sigma()) - shift;
        if (joint) {
            u[sigmaIndex() + 1] = Math.log(m.changeSigma()) - shift;
        }
        if (candidate.freeBeta()) {
            u[betaIndex()] = Math.log(m.beta());
        }
        return u;
    }

    /** The same model with states relabelled so that c_1 ≤ c_2 (the likelihood is unchanged). */
    double[] ordered(double[] u) {
        double[] v = u.clone();
        if (states == 2 && v[0] > v[1]) {
            v[0] = u[1];
            v[1] = u[0];
            v[2] = -u[2];
        }
        return v;
    }

    /** The box searched: [lower, upper] per coordinate, from log-scale ranges of states, spreads s and β. */
    double[][] bounds(double[] logStateRange, double[] logSpreadRange, double[] logBetaRange) {
        double[] lo = new double[dimension()];
        double[] hi = new double[dimension()];
        for (int j = 0; j < states; j++) {
            lo[j] = logStateRange[0];
            hi[j] = logStateRange[1];
        }
        if (states == 2) {
            lo[2] = -12.0;
            hi[2] = 12.0;
        }
        for (int i = sigmaIndex(); i < sigmaIndex() + (joint ? 2 : 1); i++) {
            lo[i] = logSpreadRange[0];
            hi[i] = logSpreadRange[1];
        }
        if (candidate.freeBeta()) {
            lo[betaIndex()] = logBetaRange[0];
            hi[betaIndex()] = logBetaRange[1];
        }
        return new double[][] {lo, hi};
    }

    /** The reported parameters in output order: states, weights, dual-space SDs σ (and σ_Δ), β. */
    List<Natural> naturals() {
        List<Natural> out = new ArrayList<>();
        for (int j = 0; j < states; j++) {
            int index = j;
            out.add(new Natural("c_" + (j + 1), index, u -> u[index], Scale.LOG));
        }
        if (states == 2) {
            out.add(new Natural("pi_1", 2, u -> u[2], Scale.LOGIT));
            out.add(new Natural("pi_2", 2, u -> u[2], Scale.LOGIT_COMPLEMENT));
        }
        out.add(new Natural("sigma", sigmaIndex(), u -> u[sigmaIndex()] + logJacobianAtMedian(beta(u)), Scale.LOG));
        if (joint) {
            out.add(new Natural("sigma_change", sigmaIndex() + 1,
                    u -> u[sigmaIndex() + 1] + logJacobianAtMedian(beta(u)), Scale.LOG));
        }
        if (candidate.freeBeta()) {
            out.add(new Natural("beta", betaIndex(), u -> u[betaIndex()], Scale.LOG));
        }
        return out;
    }

    static double logistic(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
