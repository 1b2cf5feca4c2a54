package org.synapticgeometry.synapse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Turns the optimum of a size fit into a {@link CandidateFit}: information criteria, Wald standard
 * errors and 95% intervals from the observed information (the Hessian of −log L on the
 * unconstrained scale, by central differences), KS distances and negative-size mass per sample.
 * Coordinates at the end of their search range are held fixed: their standard errors are NaN and a
 * note says which end was hit.
 */
final class FitSummary {
    /** Two-sided 95% normal quantile. */
    static final double Z95 = 1.959963984540054;
    /** Step of the central differences on the unconstrained scale (coordinates are O(1)). */
    private static final double STEP = 1e-4;
    /** Distance from a search bound below which a coordinate counts as at the bound. */
    private static final double AT_BOUND = 1e-3;

    private FitSummary() {
    }

    static CandidateFit of(Candidate candidate, ParameterLayout layout, SizeLikelihood likelihood, double[] u,
            double[][] box, List<double[]> samples) {
        List<String> notes = new ArrayList<>();
        List<String> names = layout.coordinateNames();
        boolean[] free = new boolean[u.length];
        for (int i = 0; i < u.length; i++) {
            boolean low = u[i] - box[0][i] <= AT_BOUND;
            free[i] = !low && box[1][i] - u[i] > AT_BOUND;
            if (!free[i]) {
                notes.add(names.get(i) + " is at the " + (low ? "lower" : "upper") + " end of its search range"
                        + betaHint(names.get(i), low) + "; held fixed for the standard errors");
            }
        }
        RealMatrix cov = covariance(likelihood, u, free, notes);
        List<ParameterEstimate> estimates = new ArrayList<>();
        for (ParameterLayout.Natural p : layout.naturals()) {
            estimates.add(estimate(p, u, cov, free));
        }
        List<SizeMixture> mixtures = layout.decode(u).mixtures(candidate, samples.size());
        List<Double> ks = new ArrayList<>();
        List<Double> negative = new ArrayList<>();
        for (int s = 0; s < samples.size(); s++) {
            double[] sorted = samples.get(s).clone();
            Arrays.sort(sorted);
            ks.add(Goodness.ks(mixtures.get(s), sorted));
            negative.add(mixtures.get(s).negativeMass());
        }
        return fit(candidate, layout, likelihood, u, estimates, mixtures, ks, negative, notes);
    }

    /** The fit at u with point estimates only (no standard errors, KS or negative mass). */
    static CandidateFit pointOnly(Candidate candidate, ParameterLayout layout, SizeLikelihood likelihood,
            double[] u) {
        List<ParameterEstimate> estimates = layout.naturals().stream()
                .map(p -> new ParameterEstimate(p.name(), p.valueAt(u), Double.NaN, Double.NaN, Double.NaN))
                .toList();
        return fit(candidate, layout, likelihood, u, estimates, List.of(), List.of(), List.of(), List.of());
    }

    private static CandidateFit fit(Candidate candidate, ParameterLayout layout, SizeLikelihood likelihood,
            double[] u, List<ParameterEstimate> estimates, List<SizeMixture> mixtures, List<Double> ks,
            List<Double> negative, List<String> notes) {
        double ll = likelihood.logLikelihood(u);
        int k = layout.dimension();
        int n = likelihood.totalSize();
        return new CandidateFit(candidate.name(), k, n, ll, 2.0 * k - 2.0 * ll, k * Math.log(n) - 2.0 * ll,
                layout.decode(u), estimates, mixtures, ks, negative, notes);
    }

    private static String betaHint(String name, boolean lower) {
        if (!name.equals("beta")) {
            return "";
        }
        return lower ? " (hypentropy is then indistinguishable from negative entropy)"
                : " (hypentropy is then indistinguishable from the 2-norm)";
    }

    /**
     * The estimate with its delta-method SE: var h = ∇hᵀ Σ ∇h for the link value h(u) (gradient by
     * central differences over the free coordinates), and the Wald interval h ± 1.96·se mapped
     * through the parameter's scale. NaN SE and interval when Σ is unavailable or the parameter's
     * own coordinate is held at a search bound.
     */
    static ParameterEstimate estimate(ParameterLayout.Natural p, double[] u, RealMatrix cov, boolean[] free) {
        double h = p.link().applyAsDouble(u);
        double var = Double.NaN;
        if (cov != null && free[p.index()]) {
            double[] g = new double[u.length];
            for (int i = 0; i < u.length; i++) {
                if (free[i]) {
                    double[] up = u.clone();
                    double[] down = u.clone();
                    up[i] += STEP;
                    down[i] -= STEP;
                    g[i] = (p.link().applyAsDouble(up) - p.link().applyAsDouble(down)) / (2.0 * STEP);
                }
            }
            var = dot(g, cov.operate(g));
        }
        double seH = Math.sqrt(var);
        ParameterLayout.Scale scale = p.scale();
        double a = scale.apply(h - Z95 * seH);
        double b = scale.apply(h + Z95 * seH);
        return new ParameterEstimate(p.name(), scale.apply(h), Math.abs(scale.derivative(h)) * seH,
                Math.min(a, b), Math.max(a, b));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * Inverse observed information over the free coordinates, embedded in a full-size matrix with
     * zero rows and columns for the fixed ones; null (with a note) when it is not positive definite.
     */
    private static RealMatrix covariance(SizeLikelihood f, double[] u, boolean[] free, List<String> notes) {
        int[] idx = IntStream.range(0, u.length).filter(i -> free[i]).toArray();
        RealMatrix full = new Array2DRowRealMatrix(u.length, u.length);
        if (idx.length == 0) {
            return full;
        }
        RealMatrix h = new Array2DRowRealMatrix(idx.length, idx.length);
        double f0 = -f.logLikelihood(u);
        for (int a = 0; a < idx.length; a++) {
            for (int b = a; b < idx.length; b++) {
                double v = a == b ? diagonal(f, u, idx[a], f0) : offDiagonal(f, u, idx[a], idx[b]);
                h.setEntry(a, b, v);
                h.setEntry(b, a, v);
            }
        }
        try {
            RealMatrix inv = new CholeskyDecomposition(h, 1e-10, 1e-14).getSolver().getInverse();
            for (int a = 0; a < idx.length; a++) {
                for (int b = 0; b < idx.length; b++) {
                    full.setEntry(idx[a], idx[b], inv.getEntry(a, b));
                }
            }
            return full;
        } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException e) {
            notes.add("observed information is not positive definite: standard errors unavailable"
                    + " (a flat direction, e.g. two states that coincide)");
            return null;
        }
    }

    private static double diagonal(SizeLikelihood f, double[] u, int i, double f0) {
        return (nll(f, u, i, STEP, i, 0) - 2.0 * f0 + nll(f, u, i, -STEP, i, 0)) / (STEP * STEP);
    }

    private static double offDiagonal(SizeLikelihood f, double[] u, int i, int j) {
        return (nll(f, u, i, STEP, j, STEP) - nll(f, u, i, STEP, j, -STEP) - nll(f, u, i, -STEP, j, STEP)
                + nll(f, u, i, -STEP, j, -STEP)) / (4.0 * STEP * STEP);
    }

    private static double nll(SizeLikelihood f, double[] u, int i, double di, int j, double dj) {
        double[] v = u.clone();
        v[i] += di;
        v[j] += dj;
        return -f.logLikelihood(v);
    }
}
