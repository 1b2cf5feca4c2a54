package org.synapticgeometry.stage.pretrain;

import org.synapticgeometry.stage.Progress;
import org.synapticgeometry.stage.Stage;
import org.synapticgeometry.stage.StageContext;
import org.synapticgeometry.training.EpochTrainer;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.synapticgeometry.data.FashionMnist;
import org.synapticgeometry.data.LabeledImages;
import org.synapticgeometry.data.Seeds;
import org.synapticgeometry.model.Checkpoint;
import org.synapticgeometry.model.Devices;
import org.synapticgeometry.model.ModelInfo;
import org.synapticgeometry.model.Network;
import org.synapticgeometry.model.Zoo;
import org.synapticgeometry.optim.MirrorDescent;
import org.synapticgeometry.tracking.TrackedRun;

/**
 * The {@code pretrain-load} stage: pretrains a zoo architecture on the Fashion-MNIST training split
 * (SGD with momentum 0.9 at a fixed rate, or mirror descent with a given potential for the paper's
 * RNN protocol) and measures its accuracy on the test split, or imports a TorchScript file, or
 * copies a checkpoint of ours after checking it. Writes {@code model.params}/{@code model.pt} and
 * {@code model.json} into the output folder.
 */
public final class PretrainLoadStage implements Stage<PretrainLoadOptions, ModelInfo> {
    /** Stage name used in tracking and model.json. */
    public static final String STAGE = "pretrain-load";

    @Override
    public String name() {
        return STAGE;
    }

    /**
     * Pretrains, imports or copies the model and writes model.json beside its parameters.
     *
     * @return the model.json written
     * @throws IllegalArgumentException for inputs that do not load (exit code 2)
     */
    @Override
    public ModelInfo execute(PretrainLoadOptions o, StageContext context) {
        long start = System.nanoTime();
        TrackedRun run = context.run();
        ModelInfo info = switch (o.source()) {
            case ARCH -> pretrain(o, run, context.log());
            case TORCHSCRIPT -> importTorchScript(o, run);
            case CHECKPOINT -> copyCheckpoint(o, run);
        };
        run.logMetric("scored_weights", info.scoredWeights(), 0);
        run.logMetric("wall_seconds", (System.nanoTime() - start) / 1e9, 0);
        context.output(o.out().resolve(Checkpoint.INFO_FILE));
        context.output(o.out().resolve(info.parameterFile()));
        context.log().printf(Locale.ROOT, "%s: wrote %s (%s, D = %d) in %.1f s%n", STAGE, o.out(), info.architecture(),
                info.scoredWeights(), (System.nanoTime() - start) / 1e9);
        return info;
    }

    private static ModelInfo pretrain(PretrainLoadOptions o, TrackedRun run, PrintWriter log) {
        FashionMnist data = FashionMnist.locate(o.dataDir());
        Map<String, String> inputs = recordInputs(run, data);
        LabeledImages train = o.trainLimit(data.load(FashionMnist.Split.TRAIN));
        LabeledImages test = data.load(FashionMnist.Split.TEST);
        try (Network net = Network.fresh(Zoo.get(o.arch()), Seeds.derive(o.seed(), "init"), Devices.parse(o.device()))) {
            Progress progress = new Progress(log, STAGE + " " + o.arch(), o.epochs());
            EpochTrainer.Run result = EpochTrainer.train(net, optimizer(o), train, o.batchSize(),
                    o.epochs(), Seeds.derive(o.seed(), "shuffle"), e -> {
                        run.logMetrics(Map.of("train_loss", e.loss(), "train_accuracy", e.accuracy()), e.epoch());
                        progress.advance(1, String.format(Locale.ROOT, "epoch %d/%d loss %.4f acc %.4f", e.epoch(),
                                o.epochs(), e.loss(), e.accuracy()));
                    });
            if (result.diverged()) {
                throw new IllegalStateException("pretraining diverged (loss became NaN/Inf at epoch "
                        + result.epochs().size() + "); lower --lr (now " + o.learningRate() + ")");
            }
            double testAcc = EpochTrainer.accuracy(net, test);
            double trainAcc = result.epochs().isEmpty() ? EpochTrainer.accuracy(net, train)
                    : result.epochs().get(result.epochs().size() - 1).accuracy();
            run.logMetrics(Map.of("test_accuracy", testAcc, "final_train_accuracy", trainAcc), o.epochs());
            ModelInfo info = net.info().withTraining(STAGE, "fashion-mnist", trainAcc, testAcc, o.seed(),
                    o.potentialName(), o.epochs(), inputs);
            return Checkpoint.save(net, info, o.out());
        }
    }

    /** DJL's SGD with momentum 0.9, or mirror descent in the given potential (the paper's RNN protocol). */
    private static Optimizer optimizer(PretrainLoadOptions o) {
        Tracker rate = Tracker.fixed((float) o.learningRate());
        if (o.potential() == null) {
            return Optimizer.sgd().setLearningRateTracker(rate).optMomentum(0.9f).build();
        }
        return MirrorDescent.builder().setPotential(o.potential()).setLearningRateTracker(rate).optMomentum(0.9f)
                .build();
    }

    private static ModelInfo importTorchScript(PretrainLoadOptions o, TrackedRun run) {
        String sha256 = run.recordInput(o.torchscript());
        try (Network net = Network.torchScript(o.torchscript(), o.inputShape(), Devices.parse(o.device()))) {
            ModelInfo info = net.info().withTraining(STAGE, null, null, null, null, null, null,
                    Map.of(o.torchscript().toString(), sha256));
            return Checkpoint.save(net, info, o.out());
        }
    }

    private static ModelInfo copyCheckpoint(PretrainLoadOptions o, TrackedRun run) {
        try (Network net = Checkpoint.load(o.checkpoint())) {
            Path infoFile = Checkpoint.checkpointDir(o.checkpoint()).resolve(Checkpoint.INFO_FILE);
            String sha256 = run.recordInput(infoFile);
            ModelInfo old = net.info();
            return Checkpoint.save(net, old.withTraining(old.stage(), old.dataset(), old.trainAccuracy(),
                    old.testAccuracy(), old.seed(), old.potential(), old.epochs(),
                    Map.of(infoFile.toString(), sha256)), o.out());
        }
    }

    private static Map<String, String> recordInputs(TrackedRun run, FashionMnist data) {
        Map<String, String> inputs = new LinkedHashMap<>();
        for (FashionMnist.Split s : FashionMnist.Split.values()) {
            for (Path f : data.files(s)) {
                inputs.put(f.toString(), run.recordInput(f));
            }
        }
        return inputs;
    }
}
