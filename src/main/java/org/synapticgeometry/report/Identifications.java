package org.synapticgeometry.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;

/**
 * Identification results: one table row per (architecture, trained potential) over seeds (per-run
 * identifications and the paper's criterion, the argmin of the mean ΔCDF over the seeds), the
 * confusion matrix per scope, and the p̂ figure (continuous estimate of p with its bootstrap
 * interval, per run).
 */
final class Identifications {
    /**
     * One line of the identification table: per-run identifications, and the paper's criterion, the
     * candidate with the lowest ΔCDF averaged over the line's runs ({@code argminOfMean}; null when no
     * candidate has a finite ΔCDF in every run of scores.csv), with the mean ΔCDF of the trained potential
     * ({@code trainedMean}; NaN when some run lacks it).
     */
    record Line(String architecture, String trained, String scope, int runs, int correct, Map<String, Integer> identifiedAs,
            String argminOfMean, double trainedMean) {
    }

    /** The ΔCDF of one (architecture, trained potential, scope) by candidate, from scores.csv. */
    private static final class Means {
        final Set<String> runs = new HashSet<>();
        final Map<String, double[]> sums = new TreeMap<>();   // candidate -> {sum of finite ΔCDFs, how many}

        void add(ScoreRow r) {
            runs.add(r.runId());
            if (Double.isFinite(r.deltaCdf())) {
                double[] s = sums.computeIfAbsent(r.candidate(), k -> new double[2]);
                s[0] += r.deltaCdf();
                s[1]++;
            }
        }

        /** The mean over the runs, NaN unless every run has a finite ΔCDF in that candidate. */
        double mean(String candidate) {
            double[] s = sums.get(candidate);
            return s == null || s[1] < runs.size() ? Double.NaN : s[0] / s[1];
        }

        String argmin() {
            return sums.keySet().stream().filter(c -> !Double.isNaN(mean(c)))
                    .min(Comparator.comparingDouble(this::mean)).orElse(null);
        }
    }

    private Identifications() {
    }

    /** Per (architecture, trained potential, scope): how often each candidate was identified, and the paper's criterion. */
    static List<Line> table(List<JsonNode> ids, List<ScoreRow> scores, String scope) {
        Map<String, String> arch = new HashMap<>();
        Map<List<String>, Means> means = new HashMap<>();
        for (ScoreRow r : scores) {
            arch.putIfAbsent(r.runId(), r.architecture());
            if (scope.equals(r.scope())) {
                means.computeIfAbsent(List.of(r.architecture(), r.trainedPotential()), k -> new Means()).add(r);
            }
        }
        Map<List<String>, Map<String, Integer>> counts = new TreeMap<>(
                Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        for (JsonNode id : ids) {
            for (JsonNode run : id.path("runs")) {
                String trained = run.path("trained_potential").asText("");
                if (!scope.equals(run.path("scope").asText()) || trained.isEmpty() || run.path("identified").isNull()) {
                    continue;
                }
                List<String> key = List.of(arch.getOrDefault(run.path("run_id").asText(), "?"), trained);
                counts.computeIfAbsent(key, k -> new TreeMap<>()).merge(run.path("identified").asText(), 1, Integer::sum);
            }
        }
        List<Line> out = new ArrayList<>();
        counts.forEach((k, c) -> {
            Means m = means.getOrDefault(k, new Means());
            out.add(new Line(k.get(0), k.get(1), scope, c.values().stream().mapToInt(Integer::intValue).sum(),
                    c.getOrDefault(k.get(1), 0), c, m.argmin(), m.mean(k.get(1))));
        });
        return out;
    }

    /** Confusion counts {trained: {identified: count}} of one scope, summed over the score folders. */
    static Map<String, Map<String, Integer>> confusion(List<JsonNode> ids, String scope) {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        for (JsonNode id : ids) {
            id.path("confusion").path(scope).fields().forEachRemaining(t -> t.getValue().fields().forEachRemaining(
                    c -> out.computeIfAbsent(t.getKey(), k -> new TreeMap<>()).merge(c.getKey(), c.getValue().asInt(), Integer::sum)));
        }
        return out;
    }

    /** p̂ per run with its interval, grouped by trained potential; empty without any p̂. */
    static List<Figure> pHat(List<JsonNode> ids) {
        List<JsonNode> runs = new ArrayList<>();
        ids.forEach(id -> id.path("runs").forEach(r -> {
            if ("pooled".equals(r.path("scope").asText()) && r.path("p_hat").isNumber()) {
                runs.add(r);
            }
        }));
        if (runs.isEmpty()) {
            return List.of();
        }
        Map<String, List<JsonNode>> byTrained = runs.stream().collect(Collectors.groupingBy(
                r -> r.path("trained_potential").asText("unknown"), TreeMap::new, Collectors.toList()));
        XYChart c = Charts.xy("Estimated p (p̂) per run, with bootstrap intervals", "run (grouped by trained potential)", "p̂");
        int x = 0;
        int colour = 0;
        for (var e : byTrained.entrySet()) {
            var color = Charts.color(e.getKey(), colour++);
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (JsonNode r : e.getValue()) {
                x++;
                xs.add((double) x);
                ys.add(r.path("p_hat").asDouble());
                JsonNode iv = r.path("p_hat_interval");
                if (iv.size() == 2 && iv.get(0).isNumber() && iv.get(1).isNumber()) {
                    Charts.line(c, "interval " + x, new double[] {x, x},
                            new double[] {iv.get(0).asDouble(), iv.get(1).asDouble()}, color, false).setShowInLegend(false);
                }
            }
            Charts.points(c, "trained " + e.getKey(), xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray(), color);
            x += 2;
        }
        return List.of(new Figure("p_hat", "Continuous estimate p̂",
                "Minimum of the pooled ΔCDF over the p-norm family (p̂) for each run, with its bootstrap interval."
                        + " Runs trained with the 2-norm should sit near 2 and with the 3-norm near 3; negative"
                        + " entropy behaves like p close to 1.", c));
    }
}
