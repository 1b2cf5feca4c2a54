package org.synapticgeometry.stage.finetune;

import org.synapticgeometry.files.Json;
import org.synapticgeometry.stage.Stage;
import org.synapticgeometry.stage.StageContext;
import org.synapticgeometry.training.EpochTrainer;
import org.synapticgeometry.training.TorchWorkers;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import org.synapticgeometry.concurrent.Results;
import org.synapticgeometry.data.Seeds;
import org.synapticgeometry.files.AtomicFiles;
import org.synapticgeometry.model.Checkpoint;
import org.synapticgeometry.model.ModelInfo;
import org.synapticgeometry.model.Network;
import org.synapticgeometry.optim.LearningRateRule;
import org.synapticgeometry.optim.LearningRateSearch;
import org.synapticgeometry.tracking.TrackedRun;

/**
 * The {@code finetune-per-map} stage, the paper's fine-tuning protocol for one potential and seed:
 * N = ⌊D^k⌋ images of the test split (never seen in pretraining), mirror descent with momentum 0.9
 * and batch 256, a cosine schedule over the epochs, the learning rate chosen on a grid by the lowest
 * mean loss of the last epoch among runs that did not diverge (or, with the smallest-fitting rule,
 * the smallest rate that fits; {@link LearningRateRule}), and +30-epoch retries of the whole grid
 * until the chosen run fits its N images (100% accuracy), at most 4 searches. Writes the chosen
 * run's checkpoint ({@code model.params}/{@code model.pt}, {@code model.json}) and {@code train.json},
 * which records the relative change ‖w_T − w₀‖/‖w₀‖ of every scored layer (also MLflow metrics
 * {@code relative_change.<layer>}).
 */
public final class FinetunePerMapStage implements Stage<FinetuneOptions, FinetuneReport> {
    /** Stage name used in tracking and model.json. */
    public static final String STAGE = "finetune-per-map";

    @Override
    public String name() {
        return STAGE;
    }

    /** The architecture (from the pretrained model.json), potential and seed. */
    @Override
    public Map<String, String> tags(FinetuneOptions o) {
        return Map.of("architecture", pretrainedInfo(o).architecture(), "potential", o.potential().name(),
                "seed", Long.toString(o.seed()));
    }

    /**
     * Runs the protocol and writes the chosen run's checkpoint and train.json.
     *
     * @return the content of train.json
     * @throws IllegalArgumentException for inputs that do not load (exit code 2)
     * @throws IllegalStateException when every learning rate diverged (exit code 1; train.json says so)
     */
    @Override
    public FinetuneReport execute(FinetuneOptions o, StageContext context) {
        long start = System.nanoTime();
        TrackedRun run = context.run();
        PrintWriter log = context.log();
        ModelInfo pretrained = pretrainedInfo(o);
        FinetuneData data = FinetuneData.load(o, pretrained);
        Map<String, String> inputs = inputs(o, pretrained, data, run);
        FinetuneTrials trials = new FinetuneTrials(o, data, run, log);
        Searched searched = search(o, trials, log);
        LearningRateSearch.Result result = searched.result();
        FinetuneReport report = finish(o, data, trials, result, searched.accuracyBefore(), inputs, run, start);
        log.printf(Locale.ROOT, "%s: %s; %s (%s); test accuracy %.4f -> %s; relative change %s; in %.1f s%n", STAGE,
                report.status(), result.summary(), o.lrRule().cliName(), report.testAccuracyBefore(),
                report.testAccuracyAfter() == null ? "-" : String.format(Locale.ROOT, "%.4f", report.testAccuracyAfter()),
                describe(report.relativeChange()), report.wallSeconds());
        if (result.allDiverged()) {
            throw new IllegalStateException("every learning rate of " + o.lrGrid() + " diverged (NaN/Inf loss);"
                    + " train.json in " + o.out() + " lists the trials: lower the grid (--lr-grid)");
        }
        return report;
    }

    /** The search's result and the pretrained network's accuracy on the N images and on the rest. */
    private record Searched(LearningRateSearch.Result result, double[] accuracyBefore) {
    }

    /**
     * The learning-rate search, its trials {@link FinetuneOptions#trialsAtOnce at once} on as many
     * {@link TorchWorkers} (one libtorch thread each) when that is more than one, the rule trains
     * the whole grid and each rate logs under its own metric keys, else one after the other on this
     * thread with the process's libtorch threads. Trials at once: the accuracy before fine-tuning is
     * measured by the first free worker, queued before the trials, so that it fills the time a worker
     * would wait while the grid's last trials finish (5 rates on 2 workers: 3 trials on one, 2 on the other).
     */
    private static Searched search(FinetuneOptions o, FinetuneTrials trials, PrintWriter log) {
        LearningRateSearch search = LearningRateSearch.of(o.lrGrid(), o.epochs(), o.extraEpochs(), o.maxAttempts(),
                o.lrRule());
        int atOnce = o.trialsAtOnce(trials.device());
        if (atOnce == 1 || o.lrRule().mayStopEarly() || !trials.ownMetricKeys()) {
            double[] before = trials.accuracyBefore();
            return new Searched(search.run(trials), before);
        }
        log.printf(Locale.ROOT, "%s: %d trials at once, each on one libtorch thread%n", STAGE, atOnce);
        try (TorchWorkers workers = TorchWorkers.start(atOnce, "finetune-trial")) {
            Future<double[]> before = workers.pool().submit(trials::accuracyBefore);
            LearningRateSearch.Result result = search.run(trials, workers.pool());
            return new Searched(result, Results.of(before, "the accuracy before fine-tuning"));
        }
    }

    /** {@code fc1 0.123, fc2 0.0456}: the relative change by layer, for the log line. */
    private static String describe(Map<String, Double> relativeChange) {
        if (relativeChange.isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        relativeChange.forEach((layer, c) -> parts.add(String.format(Locale.ROOT, "%s %.3g", layer, c)));
        return String.join(", ", parts);
    }

    private static ModelInfo pretrainedInfo(FinetuneOptions o) {
        return Checkpoint.readInfo(Checkpoint.checkpointDir(o.pretrained()).resolve(Checkpoint.INFO_FILE));
    }

    private static FinetuneReport finish(FinetuneOptions o, FinetuneData data, FinetuneTrials trials,
            LearningRateSearch.Result result, double[] before, Map<String, String> inputs, TrackedRun run, long start) {
        Optional<LearningRateSearch.Trial> best = result.best();
        Double trainAfter = null;
        Double testAfter = null;
        List<FinetuneReport.EpochRecord> history = List.of();
        Map<String, Double> relativeChange = Map.of();
        if (best.isPresent()) {
            FinetuneTrials.Kept kept = trials.kept(best.get());
            history = kept.history();
            relativeChange = kept.relativeChange();
            ModelInfo info = Checkpoint.save(kept.weights(), kept.torchScript(), trials.pretrainedInfo(), o.out());
            try (Network net = Checkpoint.load(o.out(), trials.device())) {
                trainAfter = EpochTrainer.accuracy(net, data.subset());
                testAfter = EpochTrainer.accuracy(net, data.rest());
            }
            Checkpoint.writeInfo(o.out().resolve(Checkpoint.INFO_FILE), info.withTraining(STAGE, data.name(),
                    trainAfter, testAfter, o.seed(), o.potential().name(), best.get().epochs(), inputs));
            history.forEach(e -> run.logMetrics(Map.of("train_loss", e.loss(), "train_accuracy", e.accuracy()),
                    e.epoch()));
        }
        String status = best.isEmpty() ? "all_diverged" : result.succeeded() ? "reached_100" : "not_reached_100";
        FinetuneReport report = new FinetuneReport(status, trials.pretrainedInfo().architecture(),
                o.potential().name(), o.seed(), trials.seeds(), trials.pretrainedInfo().scoredWeights(),
                data.subset().size(), o.n() > 0 ? Double.NaN : o.k(), data.name(), o.batchSize(), o.momentum(),
                o.lrGrid(), o.lrRule().cliName(), best.map(LearningRateSearch.Trial::learningRate).orElse(null),
                best.map(LearningRateSearch.Trial::epochs).orElse(null), result.attempts(), result.succeeded(),
                best.isEmpty(), before[0], trainAfter, before[1], testAfter, relativeChange, history,
                trials.records(result.trials()),
                (System.nanoTime() - start) / 1e9);
        Path trainJson = o.out().resolve("train.json");
        Json.write(trainJson, report);
        logResults(report, run);
        run.logArtifact(trainJson, "");
        if (best.isPresent()) {
            run.logArtifact(o.out().resolve(Checkpoint.INFO_FILE), "");
        }
        return report;
    }

    private static void logResults(FinetuneReport r, TrackedRun run) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("n", (double) r.n());
        m.put("scored_weights", (double) r.scoredWeights());
        m.put("reached_100", r.reached100() ? 1.0 : 0.0);
        m.put("all_diverged", r.diverged() ? 1.0 : 0.0);
        m.put("attempts", (double) r.attempts());
        m.put("train_accuracy_before", r.trainAccuracyBefore());
        m.put("test_accuracy_before", r.testAccuracyBefore());
        m.put("wall_seconds", r.wallSeconds());
        if (r.chosenLr() != null) {
            m.put("chosen_lr", r.chosenLr());
            m.put("epochs", (double) r.epochs());
            m.put("train_accuracy_after", r.trainAccuracyAfter());
            m.put("test_accuracy_after", r.testAccuracyAfter());
            r.relativeChange().forEach((layer, change) -> m.put("relative_change." + layer, change));
        }
        run.logMetrics(m, 0);
    }

    private static Map<String, String> inputs(FinetuneOptions o, ModelInfo pretrained, FinetuneData data,
            TrackedRun run) {
        Map<String, String> in = new LinkedHashMap<>();
        Path dir = Checkpoint.checkpointDir(o.pretrained());
        List<Path> files = new ArrayList<>(List.of(dir.resolve(Checkpoint.INFO_FILE),
                dir.resolve(pretrained.parameterFile())));
        files.addAll(data.files());
        for (Path f : files) {
            in.put(f.toString(), run.recordInput(f));
        }
        return in;
    }

    /** The seeds derived from the root seed, by use. */
    static Map<String, Long> derivedSeeds(long root) {
        Map<String, Long> s = new LinkedHashMap<>();
        s.put("subset", Seeds.derive(root, "subset"));
        s.put("shuffle", Seeds.derive(root, "shuffle"));
        return s;
    }
}
