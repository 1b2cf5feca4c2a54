package org.synapticgeometry.stage.score;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.synapticgeometry.files.Manifest;
import org.synapticgeometry.stats.ScopeStatistics;
import org.synapticgeometry.stats.Scopes;
import org.synapticgeometry.tracking.MlflowLimits;
import org.synapticgeometry.tracking.RunStatus;
import org.synapticgeometry.tracking.TrackedRun;

/**
 * Puts what scoring found about each network onto that network's own tracked run, so a trained network is
 * one row of the MLflow runs table with its science: single values ΔCDF, grid and centred ΔCDF, KS,
 * Anderson–Darling and magnitude per candidate, p̂, confidence and floor (other scopes under a scope
 * prefix), and the tags trained potential, architecture, seed, identified geometry per scope and whether
 * it was right. The run is the one that produced the weights ({@code producer_run_id} of the manifest);
 * a pair without one (or whose run no longer exists) gets a child run of the score run instead. The
 * names are the contract of {@code docs/tracking.md}.
 */
final class ScoreTracking {
    /** Stage tag of the child run that holds a pair's values when it has no producing run. */
    static final String PAIR_STAGE = "score-pair";

    private final TrackedRun scoreRun;
    private final PrintWriter log;
    private int onProducers;
    private int children;

    ScoreTracking(TrackedRun scoreRun, PrintWriter log) {
        this.scoreRun = scoreRun;
        this.log = log;
    }

    /** Logs every scored network onto its producing run or a child run; one line says where they went. */
    void logAll(List<ScoreRunResult> results) {
        for (ScoreRunResult r : results) {
            if (r.failure() == null) {
                log(r);
            }
        }
        log.println("score: tracked " + (onProducers + children) + " network(s): " + onProducers
                + " on the runs that produced them, " + children + " as child runs of score run " + scoreRun.runId());
    }

    private void log(ScoreRunResult r) {
        Map<String, Double> metrics = metrics(r);
        Map<String, String> tags = tags(r);
        metrics.keySet().removeIf(k -> !trackable(r, k));
        tags.keySet().removeIf(k -> !trackable(r, k));
        tags.put("sgeo.scored_by", scoreRun.runId());
        String producer = r.run().producerRunId();
        if (!producer.isEmpty()) {
            Optional<String> refused = scoreRun.logOnto(producer, metrics, tags);
            if (refused.isEmpty()) {
                onProducers++;
                return;
            }
            log.println("score: warning: run '" + r.run().runId() + "': " + refused.get() + "; its values go to a child"
                    + " run of score run " + scoreRun.runId() + " instead");
        }
        tags.put("stage", PAIR_STAGE);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("run_id", r.run().runId());
        params.put("init", fileName(r.run().init()));
        params.put("final", fileName(r.run().fin()));
        if (!producer.isEmpty()) {
            params.put("producer_run_id", producer);
        }
        TrackedRun child = scoreRun.startChild(r.run().runId(), params, tags);
        try {
            child.logMetrics(metrics, 0);
            child.end(RunStatus.FINISHED);
        } catch (RuntimeException e) {
            child.end(RunStatus.FAILED);
            throw e;
        }
        children++;
    }

    /** The single values of one network, keyed as the contract says. */
    static Map<String, Double> metrics(ScoreRunResult r) {
        Map<String, Double> m = new LinkedHashMap<>();
        Map<String, ScoreRunResult.RunIdentification> ids = new LinkedHashMap<>();
        r.identifications().forEach(id -> ids.put(id.scope(), id));
        for (ScoreRunResult.Row row : r.rows()) {
            if (!"candidate".equals(row.role())) {
                continue;
            }
            String p = prefix(row.scope());
            ScopeStatistics s = row.stats();
            put(m, p + "delta_cdf." + row.candidate(), s.deltaCdf());
            put(m, p + "delta_cdf_grid." + row.candidate(), s.deltaCdfGrid());
            put(m, p + "delta_cdf_centered." + row.candidate(), s.deltaCdfCentered());
            put(m, p + "ks." + row.candidate(), s.ks());
            put(m, p + "anderson_darling." + row.candidate(), s.andersonDarling());
            put(m, p + "magnitude." + row.candidate(), s.magnitude());
            ScoreRunResult.RunIdentification id = ids.get(row.scope());
            if (id != null && row.candidate().equals(id.identified())) {
                put(m, p + "floor", s.floor());
            }
        }
        ids.forEach((scope, id) -> {
            put(m, prefix(scope) + "p_hat", id.pHat());
            put(m, prefix(scope) + "confidence", id.confidence());
        });
        return m;
    }

    /** The labels and identifications of one network as tags (empty labels are left out). */
    static Map<String, String> tags(ScoreRunResult r) {
        Map<String, String> t = new LinkedHashMap<>();
        Manifest.Entry run = r.run();
        putLabel(t, "trained_potential", run.trainedPotential());
        putLabel(t, "architecture", run.architecture());
        putLabel(t, "seed", run.seed());
        for (ScoreRunResult.RunIdentification id : r.identifications()) {
            if (id.identified() == null) {
                continue;
            }
            if (Scopes.POOLED.equals(id.scope())) {
                t.put("identified", id.identified());
                if (!run.trainedPotential().isEmpty()) {
                    t.put("identified_correct", Boolean.toString(id.identified().equals(run.trainedPotential())));
                }
            } else {
                t.put("identified." + id.scope(), id.identified());
            }
        }
        return t;
    }

    private boolean trackable(ScoreRunResult r, String key) {
        if (MlflowLimits.validKey(key)) {
            return true;
        }
        log.println("score: warning: run '" + r.run().runId() + "': key '" + key + "' breaks MLflow's key rules"
                + " (at most " + MlflowLimits.MAX_KEY + " letters, digits, '_-. /:'); not tracked, it is in scores.csv");
        return false;
    }

    private static String prefix(String scope) {
        return Scopes.POOLED.equals(scope) ? "" : scope + ".";
    }

    private static void put(Map<String, Double> m, String key, double value) {
        m.put(key, value);
    }

    private static void putLabel(Map<String, String> t, String key, String value) {
        if (!value.isEmpty()) {
            t.put(key, value);
        }
    }

    private static String fileName(Path p) {
        return p == null ? "" : p.getFileName().toString();
    }
}
