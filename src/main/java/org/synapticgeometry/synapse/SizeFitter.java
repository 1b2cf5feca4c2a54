package org.synapticgeometry.synapse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.synapticgeometry.geometry.Potential;

/**
 * Maximum-likelihood fits of a candidate's size model with K = 1 or 2 states, by Commons Math's
 * BOBYQA (bounded, derivative-free) from several deterministic starts, each polished by a restart
 * at the best optimum. Starts split the sorted dual values at evenly spaced quantiles (and, for a fitted
 * hypentropy β, at β equal to the median size, plus a median split at β = 0.1 and 10 times it). Standard errors come from the observed
 * information. Immutable and thread-safe; the same input gives the same fit.
 */
public final class SizeFitter {
    /** Largest number of evaluations of one BOBYQA run. */
    private static final int MAX_EVAL = 20_000;
    /** Final trust-region radius on the unconstrained scale, far below any standard error there. */
    private static final double STOP_RADIUS = 1e-6;
    /** Decades searched on either side of the median size for a fitted β. */
    private static final double BETA_DECADES = 3.0;
    private static final double[] BETA_START_FACTORS = {1.0, 0.1, 10.0};

    private final int states;
    private final int starts;

    private SizeFitter(int states, int starts) {
        this.states = states;
        this.starts = starts;
    }

    /**
     * A fitter for K states with {@code starts} quantile starts per candidate.
     *
     * @throws IllegalArgumentException if K is not 1 or 2, or starts is not in 1..50
     */
    public static SizeFitter of(int states, int starts) {
        if (states != 1 && states != 2) {
            throw new IllegalArgumentException("--states must be 1 or 2, found " + states);
        }
        if (starts < 1 || starts > 50) {
            throw new IllegalArgumentException("--starts must be in 1..50, found " + starts);
        }
        return new SizeFitter(states, starts);
    }

    /**
     * Fits {@code candidate} to one sample, or jointly to a before and an after sample (shared states
     * and weights; the after sample's dual SD is sqrt(σ² + σ_Δ²)).
     *
     * @param samples one or two arrays of positive sizes
     */
    public CandidateFit fit(Candidate candidate, List<double[]> samples) {
        ParameterLayout layout = new ParameterLayout(states, samples.size() == 2, candidate, median(samples.get(0)));
        SizeLikelihood likelihood = new SizeLikelihood(candidate, layout, samples);
        double[][] box = box(layout, samples);
        double[] best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        for (double[] start : starts(layout, candidate, samples, box)) {
            PointValuePair p = bobyqa(likelihood, start, box, 0.5);
            if (p.getValue() < bestValue) {
                bestValue = p.getValue();
                best = p.getPoint();
            }
        }
        double[] u = layout.ordered(polish(likelihood, best, bestValue, box));
        return FitSummary.of(candidate, layout, likelihood, u, box, samples);
    }

    /**
     * Refits from a known point (one polished search), for bootstrap resamples: the result has
     * estimates without standard errors, and no KS or negative-mass figures.
     */
    CandidateFit refit(Candidate candidate, List<double[]> samples, ModelPoint start) {
        ParameterLayout layout = new ParameterLayout(states, samples.size() == 2, candidate, median(samples.get(0)));
        SizeLikelihood likelihood = new SizeLikelihood(candidate, layout, samples);
        double[][] box = box(layout, samples);
        PointValuePair first = bobyqa(likelihood, clamp(layout.encode(start), box), box, 0.5);
        double[] u = layout.ordered(polish(likelihood, first.getPoint(), first.getValue(), box));
        return FitSummary.pointOnly(candidate, layout, likelihood, u);
    }

    /** Restarts BOBYQA with a small trust region at the best optimum; keeps whichever is lower. */
    private static double[] polish(SizeLikelihood f, double[] best, double bestValue, double[][] box) {
        PointValuePair again = bobyqa(f, best, box, 0.05);
        return again.getValue() <= bestValue ? again.getPoint() : best;
    }

    /**
     * One BOBYQA run; when BOBYQA breaks down numerically (its quadratic model can fail to reduce),
     * a Nelder–Mead run from the same start on the box-clamped objective replaces it.
     */
    private static PointValuePair bobyqa(SizeLikelihood f, double[] start, double[][] box, double radius) {
        int d = start.length;
        try {
            BOBYQAOptimizer opt = new BOBYQAOptimizer(2 * d + 1, radius, STOP_RADIUS);
            return opt.optimize(new MaxEval(MAX_EVAL), new ObjectiveFunction(f), GoalType.MINIMIZE,
                    new InitialGuess(start), new SimpleBounds(box[0], box[1]));
        } catch (MathIllegalStateException e) {
            return nelderMead(f, start, box, radius);
        }
    }

    private static PointValuePair nelderMead(SizeLikelihood f, double[] start, double[][] box, double radius) {
        double[] steps = new double[start.length];
        Arrays.fill(steps, radius);
        MultivariateFunction clamped = u -> {
            double[] v = clamp(u, box);
            double outside = 0.0;
            for (int i = 0; i < u.length; i++) {
                outside += (u[i] - v[i]) * (u[i] - v[i]);
            }
            return f.value(v) + outside;
        };
        SimplexOptimizer opt = new SimplexOptimizer(1e-12, 1e-14);
        PointValuePair p = opt.optimize(new MaxEval(MAX_EVAL), new ObjectiveFunction(clamped), GoalType.MINIMIZE,
                new InitialGuess(start), new NelderMeadSimplex(steps));
        double[] v = clamp(p.getPoint(), box);
        return new PointValuePair(v, f.value(v));
    }

    /** The searched box: states within e² of the observed range, spreads over 9 decades, β over ±3 decades. */
    private static double[][] box(ParameterLayout layout, List<double[]> samples) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0.0;
        for (double[] s : samples) {
            for (double w : s) {
                min = Math.min(min, w);
                max = Math.max(max, w);
            }
        }
        double logMedian = Math.log(median(samples.get(0)));
        double betaSpread = Math.log(10.0) * BETA_DECADES;
        return layout.bounds(new double[] {Math.log(min) - 2.0, Math.log(max) + 2.0},
                new double[] {logMedian + Math.log(1e-6), logMedian + Math.log(1e3)},
                new double[] {logMedian - betaSpread, logMedian + betaSpread});
    }

    /** Quantile-split starts in the dual space of the candidate (of each start β for a fitted β). */
    private List<double[]> starts(ParameterLayout layout, Candidate candidate, List<double[]> samples,
            double[][] box) {
        double median = median(samples.get(0));
        double[] betas = candidate.freeBeta() ? BETA_START_FACTORS : new double[] {Double.NaN};
        List<double[]> out = new ArrayList<>();
        for (double factor : betas) {
            double beta = factor * median;
            Potential potential = candidate.potential(beta);
            double[] t = dualSorted(potential, samples.get(0));
            int count = states == 1 || factor != 1.0 ? 1 : starts;
            for (int k = 1; k <= count; k++) {
                double q = count == 1 ? 0.5 : (double) k / (count + 1);
                ModelPoint m = splitStart(potential, t, q, samples.size() == 2);
                double[] u = layout.encode(new ModelPoint(m.states(), m.weights(), m.sigma(), m.changeSigma(),
                        candidate.freeBeta() ? beta : Double.NaN));
                out.add(clamp(u, box));
            }
        }
        return out;
    }

    /** Splits sorted dual values at quantile q: group means as states, pooled within-group SD as σ. */
    private ModelPoint splitStart(Potential potential, double[] t, double q, boolean joint) {
        int n = t.length;
        int cut = states == 1 ? n : Math.max(1, Math.min(n - 1, (int) Math.round(q * n)));
        double[] c = new double[states];
        double ss = 0.0;
        int from = 0;
        for (int j = 0; j < states; j++) {
            int to = j == states - 1 ? n : cut;
            double mean = Arrays.stream(t, from, to).average().orElseThrow();
            for (int i = from; i < to; i++) {
                ss += (t[i] - mean) * (t[i] - mean);
            }
            c[j] = potential.toPrimal(mean);
            from = to;
        }
        double sigma = Math.sqrt(ss / n);
        double[] w = states == 1 ? new double[] {1.0} : new double[] {(double) cut / n, 1.0 - (double) cut / n};
        return new ModelPoint(c, w, sigma, joint ? 0.5 * sigma : Double.NaN, Double.NaN);
    }

    private static double[] clamp(double[] u, double[][] box) {
        double[] v = u.clone();
        for (int i = 0; i < v.length; i++) {
            double margin = 1e-6 * (box[1][i] - box[0][i]);
            v[i] = Double.isFinite(v[i]) ? Math.min(box[1][i] - margin, Math.max(box[0][i] + margin, v[i]))
                    : 0.5 * (box[0][i] + box[1][i]);
        }
        return v;
    }

    private static double[] dualSorted(Potential potential, double[] sizes) {
        double[] t = Arrays.stream(sizes).map(potential::toDual).toArray();
        Arrays.sort(t);
        return t;
    }

    static double median(double[] sizes) {
        double[] s = sizes.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
