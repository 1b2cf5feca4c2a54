package org.synapticgeometry.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.optim.LearningRateRule;
import org.synapticgeometry.stage.Stages;
import org.synapticgeometry.stage.finetune.FinetuneOptions;
import org.synapticgeometry.stage.finetune.FinetunePerMapStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sgeo finetune-per-map}: Fine-tunes a pretrained network with one potential (the paper's protocol). */
@Command(name = "finetune-per-map", mixinStandardHelpOptions = true,
        description = "Fine-tunes a pretrained network with one potential (the paper's protocol): N = floor(D^K) test"
                + " images, batch 256, momentum 0.9, cosine schedule, learning rate from a grid with +30-epoch retries"
                + " until 100%% train accuracy. Writes the checkpoint, model.json and train.json into --out.")
public final class FinetunePerMapCommand implements Callable<Integer> {
    @Mixin
    private OverwriteOption overwrite;

    @Spec
    private CommandSpec spec;

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "Checkpoint folder to start from (written by pretrain-load, or by an earlier fine-tuning).")
    private Path checkpoint;

    @Option(names = "--pretrained", hidden = true, paramLabel = "DIR", description = "Old name of --checkpoint.")
    private Path legacyPretrained;

    @Option(names = "--potential", paramLabel = "POTENTIAL", required = true,
            description = "potential: 2-norm, 3-norm, negative_entropy, ...")
    private String potential;

    @Mixin
    private SharedOptions.Seed seed;

    @Mixin
    private SharedOptions.OutputFolder out;

    @Option(names = "--subset-exponent", defaultValue = "0.5", paramLabel = "K",
            description = "Fine-tune on N = floor(D^K) images, D the number of scored weights (default: ${DEFAULT-VALUE}).")
    private double subsetExponent;

    @Option(names = "--k", paramLabel = "K", hidden = true, description = "Old name of --subset-exponent.")
    private Double legacyK;

    @Option(names = "--subset-size", defaultValue = "0", paramLabel = "N",
            description = "Fine-tune on exactly N images instead (default: from --subset-exponent).")
    private int subsetSize;

    @Option(names = "--n", paramLabel = "N", hidden = true, description = "Old name of --subset-size.")
    private Integer legacyN;

    @Option(names = "--lr-grid", paramLabel = "RATE", split = ",", defaultValue = "1e-5,1e-4,1e-3,1e-2,1e-1",
            description = "learning rates tried (default ${DEFAULT-VALUE})")
    private List<Double> lrGrid;

    @Option(names = "--lr-rule", paramLabel = "RULE", defaultValue = "lowest-loss",
            description = "how the rate is chosen: lowest-loss"
            + " (the paper: lowest last-epoch loss), smallest-fitting (the smallest rate that reaches 100%% train"
            + " accuracy; lowest loss when none does) or bounded-change:B (the lowest loss among rates whose largest"
            + " per-layer relative change ||w_T - w_0||/||w_0|| is at most B, e.g. bounded-change:0.2: the lazy"
            + " regime) (default ${DEFAULT-VALUE})")
    private String lrRule;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "30",
            description = "epochs of the first search (default ${DEFAULT-VALUE})")
    private int epochs;

    @Option(names = "--extra-epochs", paramLabel = "E", defaultValue = "30",
            description = "epochs added per retry (default ${DEFAULT-VALUE})")
    private int extraEpochs;

    @Option(names = "--max-attempts", paramLabel = "A", defaultValue = "4",
            description = "searches in all (default ${DEFAULT-VALUE})")
    private int maxAttempts;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "256",
            description = "mini-batch size (default ${DEFAULT-VALUE})")
    private int batchSize;

    @Option(names = "--momentum", paramLabel = "M", defaultValue = "0.9",
            description = "momentum (default ${DEFAULT-VALUE})")
    private double momentum;

    @Mixin
    private SharedOptions.DataDir dataDir;

    @Option(names = "--images", paramLabel = "DIR",
            description = "image folder (one sub-folder per class) instead of the"
            + " Fashion-MNIST test split, e.g. for an imported TorchScript model")
    private Path images;

    @Mixin
    private SharedOptions.Device device;

    @Option(names = "--parallel-trials", paramLabel = "T", defaultValue = "auto",
            description = "trials of one search trained at once, each on one libtorch thread: auto (as many as the"
            + " processors the JVM sees, SGEO_THREADS when set, on the CPU; 1 on a GPU) or a number; 1 trains them"
            + " one after the other on every libtorch thread. With T > 1 the outputs are those of a one-thread run"
            + " (docs/deep-stages.md) (default ${DEFAULT-VALUE})")
    private String parallelTrials;

    @Override
    public Integer call() {
        Path from = SharedOptions.Renamed.pick(spec, checkpoint, legacyPretrained, "--pretrained", "--checkpoint");
        if (from == null) {
            throw new IllegalArgumentException("give --checkpoint DIR, the checkpoint folder to fine-tune"
                    + " (written by pretrain-load)");
        }
        double k = SharedOptions.Renamed.pick(spec, subsetExponent, legacyK, "--k", "--subset-exponent");
        int n = SharedOptions.Renamed.pick(spec, subsetSize, legacyN, "--n", "--subset-size");
        LearningRateRule rule;
        try {
            rule = LearningRateRule.parse(lrRule);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--lr-rule: " + e.getMessage(), e);
        }
        FinetuneOptions o = new FinetuneOptions(from, Potentials.parse(potential), seed.value, out.dir, k, n, lrGrid,
                rule, epochs, extraEpochs, maxAttempts, batchSize, momentum, dataDir.dir, images, device.value,
                FinetuneOptions.parseParallelTrials(parallelTrials));
        Stages.run(new FinetunePerMapStage(), o, spec.commandLine().getErr(), overwrite.value());
        return ExitCodes.OK;
    }
}
