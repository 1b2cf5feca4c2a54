package org.synapticgeometry.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.synapticgeometry.data.Seeds;
import org.synapticgeometry.geometry.PNormPotential;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.stats.ParameterScan;
import org.synapticgeometry.stats.Scopes;
import org.synapticgeometry.stats.StatisticSet;
import org.synapticgeometry.stats.SyntheticChange;
import org.synapticgeometry.stats.WeightChangeScorer;
import org.synapticgeometry.stats.WeightLayer;

/**
 * The report's robustness step, the paper's synthetic check: for each initial distribution (normal,
 * log-normal with random signs) and each true potential (negative entropy, 2-norm, 3-norm), n
 * synthetic weights get a Gaussian perturbation in the true potential's dual space (σ = a fraction
 * of the spread of ∇ψ(w₀)); their change is scored in the p-norms p = 1.1 … 3.0 and in negative
 * entropy, and the ΔCDF (exact, uncentred) is averaged over seeds. p̂, the parabola-refined argmin of
 * the mean curve, should land within ±0.1 of the true p; negative entropy, the p → 1 limit, at the
 * scan's lower end (1.1). Seeded, so every report draws the same figure (the curves at the report's sizes
 * are stored with the application: {@link #reportCurves}).
 */
final class Robustness {
    /** The paper's p scan. */
    static final List<Double> SCAN = ParameterScan.linear("--scan-p", "1.1:3.0:20");
    /** The trained potentials of the paper. */
    static final List<String> TRUTHS = List.of("negative_entropy", "2-norm", "3-norm");
    /** Weights per synthetic change, seeds averaged, perturbation relative to the dual spread. */
    static final int N = 1000;
    static final int SEEDS = 30;
    static final double RELATIVE = 0.1;
    private static final long ROOT_SEED = 2024;
    private static final Potential NEGATIVE_ENTROPY = Potentials.parse("negative_entropy");
    /** Where the curves at the report's sizes are stored ({@link #reportCurves}). */
    static final String STORED = "robustness-curves.csv";

    /** The report's figures, drawn and rendered once per process (input-free, so before the inputs are read). */
    private static final Once<List<Figure>> REPORT_FIGURES = new Once<>(() -> figures(reportCurves()));

    private Robustness() {
    }

    /**
     * One mean ΔCDF curve.
     *
     * @param init the initial weight distribution
     * @param truth the potential that made the change
     * @param deltaCdf mean ΔCDF at each p of {@link #SCAN}
     * @param negativeEntropy mean ΔCDF of the negative-entropy candidate
     * @param pHat the parabola-refined argmin of the curve
     */
    record Curve(SyntheticChange.Init init, Potential truth, double[] deltaCdf, double negativeEntropy, double pHat) {
        /** The p the scan should recover: the truth's p, or the scan's lower end for negative entropy. */
        double expectedP() {
            return truth instanceof PNormPotential p ? p.p() : SCAN.get(0);
        }
    }

    /**
     * The curves at the report's sizes, as {@link #compute()} computes them: they need no input, so they are
     * stored with the application ({@value #STORED}, written by {@link #format}) instead of being recomputed by
     * every report (about 0.7 s of CPU); {@code RobustnessTest} fails when the stored curves are not the bits
     * the scorer computes now, and says how to rewrite them.
     */
    static List<Curve> reportCurves() {
        try (InputStream in = Robustness.class.getResourceAsStream(STORED)) {
            if (in == null) {
                throw new IllegalStateException("the application has no " + STORED + " (a broken build: rebuild it)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STORED + " from the application", e);
        }
    }

    /**
     * Starts drawing and rendering the report's figures on a thread of their own, so that they overlap with
     * reading the inputs; nothing when the JVM has one processor ({@code SGEO_THREADS=1}).
     */
    static void startInBackground() {
        if (Runtime.getRuntime().availableProcessors() > 1) {
            Thread t = new Thread(Robustness::renderReportFigures, "sgeo-robustness");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void renderReportFigures() {
        try {
            reportFigures().forEach(Figure::rendered);
        } catch (RuntimeException | Error e) {
            // kept by the figure (or REPORT_FIGURES) and thrown again to the thread that writes the report
        }
    }

    /** The report's two figures, from the stored curves ({@link #reportCurves}), drawn once per process. */
    static List<Figure> reportFigures() {
        return REPORT_FIGURES.get();
    }

    /** The curves as text: a header, then one line per curve (init, truth, NE candidate, the scan), exact. */
    static String format(List<Curve> curves) {
        StringBuilder b = new StringBuilder("init,truth,negative_entropy");
        SCAN.forEach(p -> b.append(",p").append(p));
        b.append('\n');
        for (Curve c : curves) {
            b.append(c.init().name()).append(',').append(c.truth().name()).append(',').append(c.negativeEntropy());
            for (double d : c.deltaCdf()) {
                b.append(',').append(d);
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** The curves of {@link #format}'s text; p̂ is refined from each curve again. */
    static List<Curve> parse(String text) {
        List<Curve> out = new ArrayList<>();
        List<String> lines = text.lines().skip(1).toList();
        for (String line : lines) {
            String[] f = line.split(",");
            if (f.length != SCAN.size() + 3) {
                throw new IllegalStateException(STORED + " has a line of " + f.length + " fields, expected "
                        + (SCAN.size() + 3) + " (a broken build: rebuild it)");
            }
            double[] mean = new double[SCAN.size()];
            for (int k = 0; k < mean.length; k++) {
                mean[k] = Double.parseDouble(f[k + 3]);
            }
            out.add(new Curve(SyntheticChange.Init.valueOf(f[0]), Potentials.parse(f[1]), mean,
                    Double.parseDouble(f[2]), ParameterScan.minimise(SCAN, mean, false)));
        }
        return out;
    }

    /**
     * The six curves (2 initial distributions × 3 true potentials) at the report's sizes: the curves
     * {@link #reportCurves} reads are its output ({@code RobustnessTest} checks them and rewrites them).
     */
    static List<Curve> compute() {
        return compute(N, SEEDS, RELATIVE);
    }

    /**
     * The curves for {@code n} weights, {@code seeds} seeds and σ = {@code relative} × the dual spread. The
     * seeds of every curve are scored in parallel (parallel stream); each curve then sums its seeds in seed
     * order, so the curves are the same bits on any number of threads.
     */
    static List<Curve> compute(int n, int seeds, double relative) {
        List<SyntheticChange.Init> inits = new ArrayList<>();
        List<Potential> truths = new ArrayList<>();
        for (SyntheticChange.Init init : SyntheticChange.Init.values()) {
            for (String name : TRUTHS) {
                inits.add(init);
                truths.add(Potentials.parse(name));
            }
        }
        List<double[]> perSeed = IntStream.range(0, inits.size() * seeds).parallel()
                .mapToObj(i -> seedScores(inits.get(i / seeds), truths.get(i / seeds), i % seeds, n, relative)).toList();
        List<Curve> out = new ArrayList<>();
        for (int c = 0; c < inits.size(); c++) {
            out.add(curve(inits.get(c), truths.get(c), perSeed.subList(c * seeds, (c + 1) * seeds)));
        }
        return out;
    }

    /** The seed-mean curve of one (w₀, truth) from its per-seed scores, summed in seed order. */
    private static Curve curve(SyntheticChange.Init init, Potential truth, List<double[]> perSeed) {
        double[] mean = new double[SCAN.size()];
        double ne = 0;
        int seeds = perSeed.size();
        for (double[] scores : perSeed) {
            for (int k = 0; k < SCAN.size(); k++) {
                mean[k] += scores[k] / seeds;
            }
            ne += scores[SCAN.size()] / seeds;
        }
        return new Curve(init, truth, mean, ne, ParameterScan.minimise(SCAN, mean, false));
    }

    /** One seed's pooled ΔCDF at each p of {@link #SCAN}, then that of the negative-entropy candidate. */
    private static double[] seedScores(SyntheticChange.Init init, Potential truth, int s, int n, double relative) {
        float[] w0 = SyntheticChange.initial(init, n, Seeds.derive(ROOT_SEED, "w0", init.name(), Integer.toString(s)));
        float[] w1 = SyntheticChange.perturbed(truth, w0, relative,
                Seeds.derive(ROOT_SEED, "change", init.name(), truth.name(), Integer.toString(s)));
        WeightChangeScorer scorer = WeightChangeScorer.of(List.of(new WeightLayer("w", w0, w1)),
                new Scopes(true, false, false), StatisticSet.QUICK);
        double[] scores = new double[SCAN.size() + 1];
        for (int k = 0; k < SCAN.size(); k++) {
            scores[k] = pooled(scorer, PNormPotential.of(SCAN.get(k)));
        }
        scores[SCAN.size()] = pooled(scorer, NEGATIVE_ENTROPY);
        return scores;
    }

    private static double pooled(WeightChangeScorer scorer, Potential candidate) {
        return scorer.score(candidate).scopes().get(Scopes.POOLED).deltaCdf();
    }

    /** One figure per initial distribution: the curves of the three true potentials with their ±0.1 bands. */
    static List<Figure> figures(List<Curve> curves) {
        List<Figure> out = new ArrayList<>();
        for (SyntheticChange.Init init : SyntheticChange.Init.values()) {
            List<Curve> mine = curves.stream().filter(c -> c.init() == init).toList();
            if (!mine.isEmpty()) {
                out.add(figure(init, mine));
            }
        }
        return out;
    }

    private static Figure figure(SyntheticChange.Init init, List<Curve> curves) {
        String w0 = init == SyntheticChange.Init.NORMAL ? "normal w₀" : "log-normal w₀ (random signs)";
        XYChart c = Charts.xy("Synthetic changes, " + w0 + ": ΔCDF against p", "p (negative entropy at p = 1)",
                "mean ΔCDF");
        double[] p = SCAN.stream().mapToDouble(Double::doubleValue).toArray();
        double top = curves.stream().flatMapToDouble(cv -> java.util.Arrays.stream(cv.deltaCdf())).max().orElse(1);
        List<String> hats = new ArrayList<>();
        int i = 0;
        for (Curve cv : curves) {
            String name = cv.truth().name();
            var color = Charts.color(name, i++);
            Charts.line(c, "trained " + name, p, cv.deltaCdf(), color, false).setMarker(SeriesMarkers.CIRCLE);
            Charts.points(c, "negative entropy candidate, trained " + name, new double[] {1.0},
                    new double[] {cv.negativeEntropy()}, color).setShowInLegend(false);
            for (double edge : new double[] {cv.expectedP() - 0.1, cv.expectedP() + 0.1}) {
                Charts.line(c, name + " band " + edge, new double[] {edge, edge}, new double[] {0, top}, color, true)
                        .setShowInLegend(false);
            }
            hats.add(String.format(Locale.ROOT, "%s p̂ = %.2f (band %.1f–%.1f; NE candidate %.3f)", name, cv.pHat(),
                    cv.expectedP() - 0.1, cv.expectedP() + 0.1, cv.negativeEntropy()));
        }
        String id = "robustness_" + init.name().toLowerCase(Locale.ROOT);
        return new Figure(id, "Robustness: synthetic changes, " + w0,
                "Paper counterpart: the synthetic robustness check of the paper (ΔCDF against p for normal and"
                        + " log-normal initial weights, the true potential recovered within ±0.1 in p). Here: " + N
                        + " weights, w₀ " + (init == SyntheticChange.Init.NORMAL ? "N(0, 1)" : "±exp(N(0, 1))")
                        + ", a Gaussian step of " + RELATIVE + "× the spread of ∇ψ(w₀) in the true potential's dual"
                        + " space, exact uncentred ΔCDF averaged over " + SEEDS + " seeds; the lone point at p = 1 is"
                        + " the negative-entropy candidate; dashed lines: the ±0.1 band around the p each curve"
                        + " should recover (1.1, the scan's end, for negative entropy). " + String.join("; ", hats)
                        + ".", c);
    }
}
