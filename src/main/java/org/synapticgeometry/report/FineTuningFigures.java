package org.synapticgeometry.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;

/**
 * The paper's fine-tuning figures from pooled scores: the trained potential's own ΔCDF against the
 * number of scored weights per architecture, with the finite-sample floor 1.2/√n, and the ΔCDF of
 * every candidate for each (architecture, trained potential).
 */
final class FineTuningFigures {
    private FineTuningFigures() {
    }

    /** Own-potential ΔCDF against n, one marker series per architecture, log–log. */
    static List<Figure> ownDeltaCdf(List<ScoreRow> scores) {
        Map<String, List<ScoreRow>> byArch = scores.stream().filter(ScoreRow::isOwnPooled)
                .collect(Collectors.groupingBy(ScoreRow::architecture, TreeMap::new, Collectors.toList()));
        if (byArch.isEmpty()) {
            return List.of();
        }
        XYChart c = Charts.xy("ΔCDF in the trained potential vs number of scored weights", "scored weights n", "ΔCDF");
        c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        int i = 0;
        long min = Long.MAX_VALUE;
        long max = 1;
        for (var e : byArch.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(ScoreRow::n).toArray();
            double[] y = e.getValue().stream().mapToDouble(ScoreRow::deltaCdf).toArray();
            Charts.points(c, e.getKey(), x, y, Charts.color("", i++));
            for (ScoreRow r : e.getValue()) {
                min = Math.min(min, r.n());
                max = Math.max(max, r.n());
            }
        }
        double lo = Math.max(1, min / 2.0);
        double hi = max * 2.0;
        Charts.line(c, "floor 1.2/√n", new double[] {lo, hi}, new double[] {1.2 / Math.sqrt(lo), 1.2 / Math.sqrt(hi)},
                java.awt.Color.GRAY, true);
        return List.of(new Figure("own_delta_cdf_vs_n", "Fine-tuning: ΔCDF in the trained potential",
                "Pooled scope, every run (trained potential as candidate) by architecture; the dashed line is the"
                        + " finite-sample floor of a truly Gaussian change, 1.2/√n. Points near the floor mean the"
                        + " change in the true dual space is Gaussian, as the theory predicts.", c));
    }

    /** ΔCDF of every candidate, mean ± sd over seeds, one chart per architecture. */
    static List<Figure> candidates(List<ScoreRow> scores) {
        Map<String, List<ScoreRow>> byArch = scores.stream().filter(r -> "pooled".equals(r.scope())
                && !r.trainedPotential().isEmpty())
                .collect(Collectors.groupingBy(ScoreRow::architecture, TreeMap::new, Collectors.toList()));
        List<Figure> out = new ArrayList<>();
        for (var e : byArch.entrySet()) {
            out.add(candidateChart(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static Figure candidateChart(String arch, List<ScoreRow> rows) {
        Set<String> candidates = rows.stream().map(ScoreRow::candidate).collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, List<ScoreRow>> byTrained = rows.stream()
                .collect(Collectors.groupingBy(ScoreRow::trainedPotential, TreeMap::new, Collectors.toList()));
        CategoryChart c = Charts.category("Candidate comparison: " + arch, "candidate potential", "ΔCDF (mean ± sd over seeds)");
        int i = 0;
        for (var e : byTrained.entrySet()) {
            List<Double> mean = new ArrayList<>();
            List<Double> sd = new ArrayList<>();
            for (String cand : candidates) {
                DescriptiveStatistics s = new DescriptiveStatistics();
                e.getValue().stream().filter(r -> r.candidate().equals(cand)).mapToDouble(ScoreRow::deltaCdf)
                        .filter(Double::isFinite).forEach(s::addValue);
                mean.add(s.getN() == 0 ? 0.0 : s.getMean());
                sd.add(s.getN() < 2 ? 0.0 : s.getStandardDeviation());
            }
            CategorySeries s = c.addSeries("trained " + e.getKey(), new ArrayList<>(candidates), mean, sd);
            s.setFillColor(Charts.color(e.getKey(), i++));
        }
        return new Figure("candidates_" + slug(arch), "Candidate comparison: " + arch,
                "Pooled ΔCDF of each candidate potential for runs trained with each potential (" + arch
                        + "). The trained potential should have the lowest bar in its own group.", c);
    }

    static String slug(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_");
    }
}
