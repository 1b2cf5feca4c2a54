package org.synapticgeometry.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.snapshot.LayerSelection;
import org.synapticgeometry.snapshot.SnapshotPair;
import org.synapticgeometry.stats.Normal;

/**
 * Distribution figures from snapshot pairs: for one run per trained potential (the one with the
 * most weights), the histogram of the standardised dual change Δ/std(Δ) in the true space and in a
 * wrong one against the standard normal density; and, for negative entropy, |w| before and after
 * on a log axis with sign counts (the log-normal, sign-keeping claim).
 */
final class DistributionFigures {
    private static final int BINS = 60;
    private static final double RANGE = 5.0;

    private DistributionFigures() {
    }

    /** The figures for every manifest; empty when there is none. */
    static List<Figure> build(List<Path> manifests) {
        List<Figure> out = new ArrayList<>();
        for (Path m : manifests) {
            for (Map.Entry<String, Map<String, String>> e : largestRunPerPotential(m).entrySet()) {
                Path folder = m.toAbsolutePath().getParent();
                Map<String, String> run = e.getValue();
                float[][] w = pooled(SnapshotPair.read(folder.resolve(run.get("init")), folder.resolve(run.get("final"))));
                out.add(deltaHistogram(e.getKey(), run, w));
                if (Potentials.parse(e.getKey()).preservesSign()) {
                    out.add(magnitudeHistogram(run, w));
                }
            }
        }
        return out;
    }

    /** Per trained potential, the manifest row whose init snapshot is largest. */
    private static Map<String, Map<String, String>> largestRunPerPotential(Path manifest) {
        Map<String, Map<String, String>> best = new TreeMap<>();
        Path folder = manifest.toAbsolutePath().getParent();
        Comparator<Map<String, String>> bySize = Comparator.comparingLong(r -> size(folder.resolve(r.get("init"))));
        for (Map<String, String> r : Tables.rows(manifest, List.of("run_id", "init", "final", "trained_potential"))) {
            String p = r.get("trained_potential");
            if (!p.isEmpty() && !r.get("final").isEmpty()) {
                best.merge(Potentials.parse(p).name(), r, (a, b) -> bySize.compare(a, b) >= 0 ? a : b);
            }
        }
        return best;
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    /** All scored layers concatenated: [0] = init, [1] = final. */
    private static float[][] pooled(SnapshotPair pair) {
        List<SnapshotPair.LayerPair> layers = pair.match(LayerSelection.all(), true);
        int n = layers.stream().mapToInt(l -> l.init().size()).sum();
        float[][] w = new float[2][n];
        int at = 0;
        for (SnapshotPair.LayerPair l : layers) {
            float[] a = l.init().data();
            System.arraycopy(a, 0, w[0], at, a.length);
            System.arraycopy(l.fin().data(), 0, w[1], at, a.length);
            at += a.length;
        }
        return w;
    }

    private static Figure deltaHistogram(String trained, Map<String, String> run, float[][] w) {
        String wrong = trained.equals("2-norm") ? "3-norm" : "2-norm";
        XYChart c = Charts.xy("Δ/std(Δ) in the true and a wrong dual space: " + run.get("run_id"), "Δ / std(Δ)", "density");
        int i = 0;
        for (String cand : List.of(trained, wrong)) {
            double[] z = standardised(Potentials.parse(cand), w);
            double[][] h = histogram(z);
            Charts.line(c, (cand.equals(trained) ? "true: " : "wrong: ") + cand, h[0], h[1], Charts.color(cand, i++), false)
                    .setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Step);
        }
        double[] x = new double[201];
        double[] pdf = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = -RANGE + 2 * RANGE * k / (x.length - 1);
            pdf[k] = Normal.density(x[k]);
        }
        Charts.line(c, "standard normal", x, pdf, java.awt.Color.BLACK, true);
        return new Figure("delta_hist_" + FineTuningFigures.slug(trained), "Dual change, trained with " + trained,
                "Histogram of the uncentred standardised change Δ/std(Δ) of run " + run.get("run_id") + " (" + w[0].length
                        + " weights) measured in the potential that trained it and in " + wrong
                        + ", with the standard normal density: only the true geometry gives a Gaussian.", c);
    }

    /** Δ = ∇ψ(w_T) − ∇ψ(w_0) over its standard deviation, uncentred as scored; non-finite Δ left out. */
    private static double[] standardised(Potential p, float[][] w) {
        double[] d = new double[w[0].length];
        int n = 0;
        for (int i = 0; i < d.length; i++) {
            double v = p.toDual(w[1][i]) - p.toDual(w[0][i]);
            if (Double.isFinite(v)) {
                d[n++] = v;
            }
        }
        double[] z = java.util.Arrays.copyOf(d, n);
        double sd = new org.apache.commons.math3.stat.descriptive.moment.StandardDeviation().evaluate(z);
        for (int i = 0; i < n; i++) {
            z[i] /= sd;
        }
        return z;
    }

    /** Density histogram on [−5, 5]: [0] = bin left edges, [1] = densities. */
    private static double[][] histogram(double[] z) {
        double width = 2 * RANGE / BINS;
        double[] left = new double[BINS + 1];
        double[] density = new double[BINS + 1];
        for (double v : z) {
            int b = (int) Math.floor((v + RANGE) / width);
            if (b >= 0 && b < BINS) {
                density[b] += 1.0 / (z.length * width);
            }
        }
        for (int b = 0; b <= BINS; b++) {
            left[b] = -RANGE + b * width;
        }
        density[BINS] = density[BINS - 1];
        return new double[][] {left, density};
    }

    private static Figure magnitudeHistogram(Map<String, String> run, float[][] w) {
        long[] signs = new long[5];   // +init, -init, +final, -final, flips
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int i = 0; i < w[0].length; i++) {
            signs[w[0][i] > 0 ? 0 : 1] += w[0][i] != 0 ? 1 : 0;
            signs[w[1][i] > 0 ? 2 : 3] += w[1][i] != 0 ? 1 : 0;
            signs[4] += Math.signum(w[0][i]) != Math.signum(w[1][i]) ? 1 : 0;
            for (float v : new float[] {w[0][i], w[1][i]}) {
                if (v != 0) {
                    lo = Math.min(lo, Math.log10(Math.abs(v)));
                    hi = Math.max(hi, Math.log10(Math.abs(v)));
                }
            }
        }
        XYChart c = Charts.xy("|w| before and after, negative entropy: " + run.get("run_id"), "|w| (log scale)", "weights per bin");
        c.getStyler().setXAxisLogarithmic(true);
        double[][] before = logBins(w[0], lo, hi);
        double[][] after = logBins(w[1], lo, hi);
        Charts.line(c, String.format(Locale.ROOT, "before: %d +, %d −", signs[0], signs[1]), before[0], before[1],
                new java.awt.Color(0x999999), false);
        Charts.line(c, String.format(Locale.ROOT, "after: %d +, %d −", signs[2], signs[3]), after[0], after[1],
                Charts.color("negative_entropy", 0), false);
        Charts.line(c, "sign changes: " + signs[4], new double[] {Math.pow(10, lo)}, new double[] {0},
                java.awt.Color.WHITE, false);
        String counts = String.format(Locale.ROOT, "before: %d positive, %d negative; after: %d positive, %d negative;"
                + " sign changes: %d", signs[0], signs[1], signs[2], signs[3], signs[4]);
        return new Figure("abs_w_negative_entropy", "|w| under negative entropy (sign counts)",
                "Histogram of |w| on a log axis before and after learning with negative entropy (run " + run.get("run_id")
                        + "). " + counts + ". Exponentiated gradient keeps every sign and shifts log|w| by a"
                        + " Gaussian amount, so a log-normal stays log-normal.", c);
    }

    /** Counts of log10|w| in 50 equal bins on [lo, hi]: [0] = bin centres (as |w|), [1] = counts. */
    private static double[][] logBins(float[] w, double lo, double hi) {
        int bins = 50;
        double width = Math.max(hi - lo, 1e-9) / bins;
        double[] x = new double[bins];
        double[] y = new double[bins];
        for (float v : w) {
            if (v != 0) {
                y[Math.min(bins - 1, (int) ((Math.log10(Math.abs(v)) - lo) / width))]++;
            }
        }
        for (int b = 0; b < bins; b++) {
            x[b] = Math.pow(10, lo + (b + 0.5) * width);
        }
        return new double[][] {x, y};
    }
}
