package org.synapticgeometry.stage.score;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.synapticgeometry.files.AtomicFiles;
import org.synapticgeometry.stats.Scopes;
import org.synapticgeometry.tracking.RunStatus;
import org.synapticgeometry.tracking.TrackedRun;
import org.synapticgeometry.tracking.Tracking;

/**
 * The {@code score} stage: scores every run of a manifest (or of {@code --pair}s) in every
 * candidate geometry, identifies the geometry per run and scope, and writes {@code scores.csv},
 * {@code scores.json} and {@code identification.json}. Runs whose inputs are unusable are listed
 * with their reason in the outputs while the others are scored; the stage then fails with a usage
 * error naming the first of them.
 */
public final class ScoreStage {
    private final ScoreOptions config;
    private final PrintWriter progress;

    /** A stage with its settings; progress lines (with ETA) go to {@code progress}. */
    public ScoreStage(ScoreOptions config, PrintWriter progress) {
        this.config = config;
        this.progress = progress;
    }

    /**
     * Runs the stage.
     *
     * @return the per-run results, in manifest order
     * @throws IllegalArgumentException after writing the outputs, when a run could not be scored
     *     (naming its origin and the reason), or before any work when the output folder is not writable
     */
    public List<ScoreRunResult> run() {
        AtomicFiles.requireWritableDirectory(config.out(), "--out");
        try (TrackedRun tracked = Tracking.startStage("score", config.out(), config.params(), Map.of("stage", "score"))) {
            try {
                if (config.manifest() != null) {
                    tracked.recordInput(config.manifest());
                }
                List<ScoreRunResult> results = scoreAll(tracked);
                ScoreOutputs outputs = new ScoreOutputs(config.candidates(), config.scanP(), results);
                for (Path file : outputs.write(config.out())) {
                    tracked.logArtifact(file, "");
                }
                outputs.tallies().forEach((scope, t) -> {
                    if (t.labelled() > 0) {
                        tracked.logMetric("score.accuracy." + scope, t.accuracy(), 0);
                    }
                });
                failIfAnyFailed(results, tracked);
                return results;
            } catch (RuntimeException e) {
                tracked.end(RunStatus.FAILED);
                throw e;
            }
        }
    }

    private List<ScoreRunResult> scoreAll(TrackedRun tracked) {
        ScoreRunAnalysis analysis = new ScoreRunAnalysis(config);
        List<ScoreRunResult> results = new ArrayList<>();
        long start = System.nanoTime();
        List<ScoreManifest.ScoreRun> runs = config.runs();
        for (int i = 0; i < runs.size(); i++) {
            ScoreManifest.ScoreRun run = runs.get(i);
            recordInputs(tracked, run);
            ScoreRunResult r = analysis.analyse(run);
            results.add(r);
            logMetrics(tracked, r, i);
            double elapsed = (System.nanoTime() - start) / 1e9;
            double eta = elapsed / (i + 1) * (runs.size() - i - 1);
            progress.printf("score: run %d/%d '%s' %s; %.1f s elapsed, ETA %.1f s%n", i + 1, runs.size(), run.runId(),
                    r.failure() == null ? "scored" : "NOT scored (" + r.failure() + ")", elapsed, eta);
            progress.flush();
        }
        return results;
    }

    private static void recordInputs(TrackedRun tracked, ScoreManifest.ScoreRun run) {
        for (Path p : new Path[] {run.init(), run.fin()}) {
            if (p != null && Files.isRegularFile(p)) {
                tracked.recordInput(p);
            }
        }
    }

    private void logMetrics(TrackedRun tracked, ScoreRunResult r, long step) {
        for (ScoreRunResult.RunIdentification id : r.identifications()) {
            if (!Scopes.POOLED.equals(id.scope())) {
                continue;
            }
            double[] d = id.candidateDeltaCdf();
            for (int c = 0; c < d.length; c++) {
                if (Double.isFinite(d[c])) {
                    tracked.logMetric("score.delta_cdf." + config.candidates().get(c).name(), d[c], step);
                }
            }
            if (Double.isFinite(id.pHat())) {
                tracked.logMetric("score.p_hat", id.pHat(), step);
            }
        }
    }

    private static void failIfAnyFailed(List<ScoreRunResult> results, TrackedRun tracked) {
        List<ScoreRunResult> failed = results.stream().filter(r -> r.failure() != null).toList();
        tracked.logMetric("score.runs_failed", failed.size(), 0);
        if (!failed.isEmpty()) {
            ScoreRunResult first = failed.get(0);
            throw new IllegalArgumentException(failed.size() + " of " + results.size() + " run(s) could not be scored"
                    + " (listed in scores.json and identification.json under \"failed\"); first: run '"
                    + first.run().runId() + "' (" + first.run().origin() + "): " + first.failure());
        }
    }
}
