package org.synapticgeometry.stage.finetune;

import org.synapticgeometry.stage.Progress;
import org.synapticgeometry.training.EpochTrainer;

import ai.djl.Device;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.synapticgeometry.model.Checkpoint;
import org.synapticgeometry.model.Devices;
import org.synapticgeometry.model.ModelInfo;
import org.synapticgeometry.model.Network;
import org.synapticgeometry.optim.CosineSchedule;
import org.synapticgeometry.optim.LearningRateSearch;
import org.synapticgeometry.optim.MirrorDescent;
import org.synapticgeometry.snapshot.FloatTensor;
import org.synapticgeometry.tracking.TrackedRun;

/**
 * The trials of one fine-tuning search: each trial reloads the pretrained checkpoint, trains it on
 * the N images with mirror descent and a cosine schedule, and keeps its weights until the search
 * moves to the next attempt, so that the chosen trial can be written without training it again.
 * Every finite trial records the relative change of each scored layer.
 * Life-cycle: created per stage run, called by {@link LearningRateSearch} on one thread or on
 * several at once (the trials of one search, each on its own network): the metrics of a trial go
 * to MLflow from the thread that trains it (under its own keys, see {@link #ownMetricKeys()};
 * {@link TrackedRun}s are safe to call from several threads), progress lines are printed one at a time, and the records
 * are listed in the search's order by {@link #records(List)}.
 */
final class FinetuneTrials implements LearningRateSearch.Trainer {
    /** A progress line every this many epochs of a trial, and after its last epoch. */
    private static final int PRINT_EVERY = 10;
    private final FinetuneOptions options;
    private final FinetuneData data;
    private final TrackedRun run;
    private final Progress progress;
    private final ModelInfo pretrainedInfo;
    private final Map<String, Long> seeds;
    private final Device device;
    private final Map<String, FloatTensor> initialWeights;
    private final Map<TrialKey, Kept> kept = new ConcurrentHashMap<>();
    private final Map<TrialKey, FinetuneReport.TrialRecord> records = new ConcurrentHashMap<>();
    private int currentEpochs;

    /** One trial of the search: its rate and epochs. */
    private record TrialKey(double lr, int epochs) {
    }

    /** Weights, history and relative change by layer of a finished, finite trial. */
    record Kept(byte[] weights, boolean torchScript, List<FinetuneReport.EpochRecord> history,
            Map<String, Double> relativeChange) {
    }

    FinetuneTrials(FinetuneOptions options, FinetuneData data, TrackedRun run, PrintWriter log) {
        this.options = options;
        this.data = data;
        this.run = run;
        this.pretrainedInfo = Checkpoint.readInfo(Checkpoint.checkpointDir(options.pretrained())
                .resolve(Checkpoint.INFO_FILE));
        this.seeds = FinetunePerMapStage.derivedSeeds(options.seed());
        this.progress = new Progress(log, FinetunePerMapStage.STAGE + " " + pretrainedInfo.architecture() + " "
                + options.potential().name(), (double) options.lrGrid().size() * options.epochs());
        this.currentEpochs = options.epochs();
        this.device = Devices.parse(options.device());
        try (Network net = Checkpoint.load(options.pretrained(), device)) {
            this.initialWeights = net.scoredWeights(false);
        }
    }

    /** The device the trials train on. */
    Device device() {
        return device;
    }

    /** Accuracy of the pretrained network on the N images and on the rest, before fine-tuning. */
    double[] accuracyBefore() {
        try (Network net = Checkpoint.load(options.pretrained(), device)) {
            return new double[] {EpochTrainer.accuracy(net, data.subset()), EpochTrainer.accuracy(net, data.rest())};
        }
    }

    @Override
    public LearningRateSearch.Outcome train(double lr, int epochs) {
        startingTrialOf(epochs);
        try (Network net = Checkpoint.load(options.pretrained(), device)) {
            int batches = EpochTrainer.batchesPerEpoch(data.subset().size(), options.batchSize());
            MirrorDescent optimizer = MirrorDescent.builder().setPotential(options.potential())
                    .setLearningRateTracker(CosineSchedule.of(lr, epochs, batches))
                    .optMomentum((float) options.momentum()).build();
            String key = metricPrefix(lr, epochs);
            TrialKey trial = new TrialKey(lr, epochs);
            EpochTrainer.Run result = EpochTrainer.train(net, optimizer, data.subset(), options.batchSize(), epochs,
                    seeds.get("shuffle"), e -> {
                        run.logMetrics(Map.of(key + "train_loss", e.loss(), key + "train_accuracy", e.accuracy()),
                                e.epoch());
                        if (e.epoch() % PRINT_EVERY == 0 || e.epoch() == epochs) {
                            advance(1, String.format(Locale.ROOT, "lr %.0e epoch %d/%d loss %.4g acc %.4f",
                                    lr, e.epoch(), epochs, e.loss(), e.accuracy()));
                        } else {
                            advance(1, null);
                        }
                    });
            List<FinetuneReport.EpochRecord> history = result.epochs().stream()
                    .map(e -> new FinetuneReport.EpochRecord(e.epoch(), e.loss(), e.accuracy())).toList();
            int attempt = (epochs - options.epochs()) / Math.max(1, options.extraEpochs());
            if (result.diverged()) {
                advance(epochs - result.epochs().size(), null);
                records.put(trial, new FinetuneReport.TrialRecord(lr, epochs, attempt, Double.NaN, true, null, Map.of()));
                return LearningRateSearch.Outcome.of(Double.NaN, false);
            }
            double accuracy = EpochTrainer.accuracy(net, data.subset());
            Map<String, Double> change = RelativeChange.byLayer(initialWeights, net.scoredWeights(false));
            kept.put(trial, new Kept(Checkpoint.weightBytes(net), net.isTorchScript(), history, change));
            records.put(trial, new FinetuneReport.TrialRecord(lr, epochs, attempt, result.finalLoss(), false, accuracy,
                    change));
            return LearningRateSearch.Outcome.of(result.finalLoss(), accuracy == 1.0,
                    change.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
        }
    }

    /**
     * A trial of {@code epochs} epochs starts: the first of a new search (a retry with more epochs)
     * drops the weights kept by the last one and adds its work to the progress.
     */
    private synchronized void startingTrialOf(int epochs) {
        if (epochs != currentEpochs) {
            kept.clear();
            currentEpochs = epochs;
            progress.grow((double) options.lrGrid().size() * epochs);
        }
    }

    /** Epochs done, with a progress line when {@code message} is not null. */
    private void advance(double epochs, String message) {
        synchronized (progress) {
            if (message == null) {
                progress.advance(epochs);
            } else {
                progress.advance(epochs, message);
            }
        }
    }

    /** The kept weights of the chosen trial (which is always finite, hence kept). */
    Kept kept(LearningRateSearch.Trial trial) {
        return kept.get(new TrialKey(trial.learningRate(), trial.epochs()));
    }

    /**
     * Whether every rate of the grid logs under its own metric keys: not when the grid lists a rate
     * twice or two rates with the same leading digit and exponent (1e-3 and 1.2e-3 both log as
     * {@code lr_1e-03}), whose metrics only keep their order when the trials run one at a time.
     */
    boolean ownMetricKeys() {
        return options.lrGrid().stream().map(lr -> metricPrefix(lr, currentEpochs)).distinct().count()
                == options.lrGrid().size();
    }

    /** {@code search/lr_1e-03/e30/}: a tracking-safe metric prefix per trial (no '+' in the exponent). */
    static String metricPrefix(double lr, int epochs) {
        return String.format(Locale.ROOT, "search/lr_%.0e/e%d/", lr, epochs).replace("e+", "e");
    }

    /** model.json of the pretrained checkpoint. */
    ModelInfo pretrainedInfo() {
        return pretrainedInfo;
    }

    /** The derived seeds. */
    Map<String, Long> seeds() {
        return seeds;
    }

    /** The record of every trial of the search's result, in its order. */
    List<FinetuneReport.TrialRecord> records(List<LearningRateSearch.Trial> trials) {
        return trials.stream().map(t -> records.get(new TrialKey(t.learningRate(), t.epochs()))).toList();
    }
}
