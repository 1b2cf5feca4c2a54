package org.synapticgeometry.stage.score;

import org.synapticgeometry.files.Json;
import org.synapticgeometry.files.Manifest;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synapticgeometry.files.AtomicFiles;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.stats.Identification;
import org.synapticgeometry.stats.ScopeStatistics;
import org.synapticgeometry.stats.SignReadout;

/**
 * Writes the score stage's outputs, each atomically: {@code scores.csv} (one row per run × scope ×
 * candidate), {@code scores.json} (the same rows, plus per-run readouts and failures) and
 * {@code identification.json} (per-run identification, confusion and accuracy per scope, groups
 * over seeds). Non-finite numbers are {@code NaN} in the CSV and {@code null} in JSON.
 */
final class ScoreOutputs {
    /** The scores.csv header: design.md's columns first, then extensions. */
    static final String CSV_HEADER = "run_id,trained_potential,architecture,seed,scope,candidate,n,excluded,delta_cdf,"
            + "delta_cdf_centered,delta_cdf_grid,magnitude,ks,anderson_darling,skewness,excess_kurtosis,floor,"
            + "delta_cdf_grid_centered,mean,std,role";
    static final String SCORES_CSV = "scores.csv";
    static final String SCORES_JSON = "scores.json";
    static final String IDENTIFICATION_JSON = "identification.json";


    private final List<Potential> candidates;
    private final List<Double> scanP;
    private final List<ScoreRunResult> results;

    ScoreOutputs(List<Potential> candidates, List<Double> scanP, List<ScoreRunResult> results) {
        this.candidates = List.copyOf(candidates);
        this.scanP = List.copyOf(scanP);
        this.results = List.copyOf(results);
    }

    /** Writes the three files into {@code out}; returns their paths. */
    List<Path> write(Path out) {
        Path csv = out.resolve(SCORES_CSV);
        Path scores = out.resolve(SCORES_JSON);
        Path ids = out.resolve(IDENTIFICATION_JSON);
        AtomicFiles.writeString(csv, csv());
        AtomicFiles.writeString(scores, json(scoresJson()));
        AtomicFiles.writeString(ids, json(identificationJson()));
        return List.of(csv, scores, ids);
    }

    /** Accuracy per scope over labelled runs (NaN where a scope has none). */
    Map<String, Identification> tallies() {
        Map<String, Identification> tally = new LinkedHashMap<>();
        for (ScoreRunResult r : results) {
            for (ScoreRunResult.RunIdentification id : r.identifications()) {
                Identification t = tally.computeIfAbsent(id.scope(), k -> new Identification());
                if (!r.run().trainedPotential().isEmpty() && id.identified() != null) {
                    t.add(r.run().trainedPotential(), id.identified());
                }
            }
        }
        return tally;
    }

    String csv() {
        StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
        for (ScoreRunResult r : results) {
            for (ScoreRunResult.Row row : r.rows()) {
                ScopeStatistics s = row.stats();
                List<String> f = new ArrayList<>(List.of(r.run().runId(), r.run().trainedPotential(),
                        r.run().architecture(), r.run().seed(), row.scope(), row.candidate()));
                f.add(Long.toString(s.n()));
                f.add(Long.toString(s.excluded()));
                for (double v : new double[] {s.deltaCdf(), s.deltaCdfCentered(), s.deltaCdfGrid(), s.magnitude(),
                    s.ks(), s.andersonDarling(), s.skewness(), s.excessKurtosis(), s.floor(),
                    s.deltaCdfGridCentered(), s.mean(), s.std()}) {
                    f.add(Double.toString(v));
                }
                f.add(row.role());
                b.append(String.join(",", f.stream().map(ScoreOutputs::csvField).toList())).append('\n');
            }
        }
        return b.toString();
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private ObjectNode scoresJson() {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode cands = root.putArray("candidates");
        candidates.forEach(c -> cands.add(c.name()));
        ArrayNode runs = root.putArray("runs");
        ArrayNode rows = root.putArray("rows");
        for (ScoreRunResult r : results) {
            ObjectNode run = labels(runs.addObject(), r.run());
            run.put("status", r.failure() == null ? "scored" : "failed");
            if (r.failure() != null) {
                run.put("reason", r.failure());
                continue;
            }
            ArrayNode layers = run.putArray("layers");
            r.layers().forEach(layers::add);
            run.put("unchanged_excluded", r.unchangedExcluded());
            readout(run.putObject("readouts"), r.readout());
            for (ScoreRunResult.Row row : r.rows()) {
                ObjectNode o = labels(rows.addObject(), r.run());
                o.put("scope", row.scope());
                o.put("candidate", row.candidate());
                o.put("role", row.role());
                statistics(o, row.stats());
            }
        }
        failures(root);
        return root;
    }

    private static ObjectNode labels(ObjectNode o, Manifest.Entry run) {
        o.put("run_id", run.runId());
        o.put("trained_potential", run.trainedPotential());
        o.put("architecture", run.architecture());
        o.put("seed", run.seed());
        return o;
    }

    private static void statistics(ObjectNode o, ScopeStatistics s) {
        o.put("n", s.n());
        o.put("excluded", s.excluded());
        number(o, "delta_cdf", s.deltaCdf());
        number(o, "delta_cdf_centered", s.deltaCdfCentered());
        number(o, "delta_cdf_grid", s.deltaCdfGrid());
        number(o, "delta_cdf_grid_centered", s.deltaCdfGridCentered());
        number(o, "magnitude", s.magnitude());
        number(o, "ks", s.ks());
        number(o, "anderson_darling", s.andersonDarling());
        number(o, "skewness", s.skewness());
        number(o, "excess_kurtosis", s.excessKurtosis());
        number(o, "floor", s.floor());
        number(o, "mean", s.mean());
        number(o, "std", s.std());
    }

    private static void readout(ObjectNode o, SignReadout r) {
        o.put("weights", r.weights());
        number(o, "sign_flip_fraction", r.signFlipFraction());
        o.put("zeros_init", r.zerosInit());
        o.put("zeros_final", r.zerosFinal());
        ObjectNode ln = o.putObject("log_normality");
        logNormality(ln.putObject("positive_init"), r.positiveInit());
        logNormality(ln.putObject("positive_final"), r.positiveFinal());
        logNormality(ln.putObject("negative_init"), r.negativeInit());
        logNormality(ln.putObject("negative_final"), r.negativeFinal());
    }

    private static void logNormality(ObjectNode o, SignReadout.LogNormality l) {
        o.put("n", l.n());
        number(o, "delta_cdf", l.deltaCdf());
    }

    private ObjectNode identificationJson() {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode cands = root.putArray("candidates");
        candidates.forEach(c -> cands.add(c.name()));
        ArrayNode runs = root.putArray("runs");
        for (ScoreRunResult r : results) {
            for (ScoreRunResult.RunIdentification id : r.identifications()) {
                ObjectNode o = runs.addObject();
                o.put("run_id", r.run().runId());
                o.put("trained_potential", r.run().trainedPotential());
                o.put("architecture", r.run().architecture());
                o.put("seed", r.run().seed());
                o.put("scope", id.scope());
                o.put("identified", id.identified());
                number(o, "confidence", id.confidence());
                number(o, "p_hat", id.pHat());
                interval(o, id.pHatLow(), id.pHatHigh());
                number(o, "beta_hat", id.betaHat());
                ObjectNode d = o.putObject("delta_cdf");
                double[] v = id.candidateDeltaCdf();
                for (int c = 0; c < candidates.size(); c++) {
                    number(d, candidates.get(c).name(), v[c]);
                }
                ObjectNode unscored = o.putObject("unscored");
                id.unscored().forEach(unscored::put);
                ObjectNode excluded = o.putObject("excluded");
                id.excluded().forEach(excluded::put);
            }
        }
        Map<String, Identification> tally = tallies();
        ObjectNode accuracy = root.putObject("accuracy");
        ObjectNode confusion = root.putObject("confusion");
        tally.forEach((scope, t) -> {
            number(accuracy, scope, t.accuracy());
            ObjectNode c = confusion.putObject(scope);
            t.confusion().forEach((trained, row) -> {
                ObjectNode rowNode = c.putObject(trained);
                row.forEach(rowNode::put);
            });
        });
        new ScoreGroups(candidates, scanP, results).write(root.putArray("groups"));
        failures(root);
        return root;
    }

    private static void interval(ObjectNode o, double low, double high) {
        if (Double.isFinite(low) && Double.isFinite(high)) {
            o.putArray("p_hat_interval").add(low).add(high);
        } else {
            o.putNull("p_hat_interval");
        }
    }

    private void failures(ObjectNode root) {
        ArrayNode failed = root.putArray("failed");
        for (ScoreRunResult r : results) {
            if (r.failure() != null) {
                ObjectNode o = labels(failed.addObject(), r.run());
                o.put("origin", r.run().origin());
                o.put("reason", r.failure());
            }
        }
    }

    static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static String json(ObjectNode root) {
        return Json.text(root);
    }
}
