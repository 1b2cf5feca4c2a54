package org.synapticgeometry.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;

/**
 * Identification results: one table row per (architecture, trained potential) over seeds, the
 * confusion matrix per scope, and the p̂ figure (continuous estimate of p with its bootstrap
 * interval, per run).
 */
final class Identifications {
    /** One line of the identification table. */
    record Line(String architecture, String trained, String scope, int runs, int correct, Map<String, Integer> identifiedAs) {
    }

    private Identifications() {
    }

    /** Per (architecture, trained potential, scope): how often each candidate was identified. */
    static List<Line> table(List<JsonNode> ids, List<ScoreRow> scores, String scope) {
        Map<String, String> arch = new java.util.HashMap<>();
        scores.forEach(r -> arch.putIfAbsent(r.runId(), r.architecture()));
        Map<List<String>, Map<String, Integer>> counts = new TreeMap<>(
                java.util.Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
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
        counts.forEach((k, c) -> out.add(new Line(k.get(0), k.get(1), scope,
                c.values().stream().mapToInt(Integer::intValue).sum(), c.getOrDefault(k.get(1), 0), c)));
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
