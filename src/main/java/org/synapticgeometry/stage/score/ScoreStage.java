package org.synapticgeometry.stage.score;

import org.synapticgeometry.files.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.synapticgeometry.stage.Progress;
import org.synapticgeometry.stage.Stage;
import org.synapticgeometry.stage.StageContext;
import org.synapticgeometry.tracking.TrackedRun;

/**
 * The {@code score} stage: scores every run of a manifest (or of {@code --pair}s) in every
 * candidate geometry, identifies the geometry per run and scope, and writes {@code scores.csv},
 * {@code scores.json} and {@code identification.json}. Runs whose inputs are unusable are listed
 * with their reason in the outputs while the others are scored; the stage then fails with a usage
 * error naming the first of them.
 */
public final class ScoreStage implements Stage<ScoreOptions, List<ScoreRunResult>> {
    /** Stage name used in tracking. */
    public static final String STAGE = "score";

    @Override
    public String name() {
        return STAGE;
    }

    /**
     * Scores every run and writes the outputs.
     *
     * @return the per-run results, in manifest order
     * @throws IllegalArgumentException after writing the outputs, when a run could not be scored
     *     (naming its origin and the reason)
     */
    @Override
    public List<ScoreRunResult> execute(ScoreOptions options, StageContext context) {
        if (options.manifest() != null) {
            context.input(options.manifest());
        }
        List<ScoreRunResult> results = scoreAll(options, context);
        ScoreOutputs outputs = new ScoreOutputs(options.candidates(), options.scanP(), results);
        for (Path file : outputs.write(options.out())) {
            context.output(file);
        }
        new ScoreTracking(context.run(), context.log()).logAll(results);
        outputs.tallies().forEach((scope, t) -> {
            if (t.labelled() > 0) {
                context.run().logMetric("score.accuracy." + scope, t.accuracy(), 0);
            }
        });
        failIfAnyFailed(results, context.run());
        return results;
    }

    /** Scores the runs on every core the process may use (small runs side by side), results in manifest order. */
    private static List<ScoreRunResult> scoreAll(ScoreOptions options, StageContext context) {
        ScoreRunAnalysis analysis = new ScoreRunAnalysis(options);
        List<ScoreRunResult> results = new ArrayList<>();
        List<Manifest.Entry> runs = options.runs();
        Progress progress = new Progress(context.log(), STAGE, runs.size());
        new OrderedRuns(Runtime.getRuntime().availableProcessors()).forEach(runs, analysis::analyse, r -> {
            recordInputs(context, r.run());
            results.add(r);
            progress.advance(1, "run '" + r.run().runId() + "' " + (r.failure() == null ? "scored"
                    : "NOT scored (" + r.failure() + ")"));
            notes(context, r);
        });
        return results;
    }

    /** Says on the log which candidates left weights out or could not be scored (pooled scope). */
    private static void notes(StageContext context, ScoreRunResult r) {
        if (r.identifications().isEmpty()) {
            return;
        }
        ScoreRunResult.RunIdentification id = r.identifications().get(0);
        String where = "sgeo score: note: run '" + r.run().runId() + "' (" + id.scope() + "): ";
        id.excluded().forEach((c, n) -> context.log().println(where + c + " left out " + n
                + " weight(s) whose dual change is not finite (counted as excluded)"));
        id.unscored().forEach((c, why) -> context.log().println(where + c + " could not be scored: " + why
                + "; identified among the other candidates (listed under unscored in identification.json)"));
    }

    private static void recordInputs(StageContext context, Manifest.Entry run) {
        for (Path p : new Path[] {run.init(), run.fin()}) {
            if (p != null && Files.isRegularFile(p)) {
                context.input(p);
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
