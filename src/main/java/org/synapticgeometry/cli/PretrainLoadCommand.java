package org.synapticgeometry.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.synapticgeometry.stage.Stages;
import org.synapticgeometry.data.FashionMnist;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.data.InputView;
import org.synapticgeometry.model.Network;
import org.synapticgeometry.stage.pretrain.PretrainLoadStage;
import org.synapticgeometry.stage.pretrain.PretrainLoadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sgeo pretrain-load}: Pretrains a zoo architecture on Fashion-MNIST, or loads a TorchScript file or checkpoint. */
@Command(name = "pretrain-load", mixinStandardHelpOptions = true,
        description = "Pretrains a zoo architecture on Fashion-MNIST, or loads a TorchScript file or checkpoint."
                + " Writes model.params (or model.pt) and model.json into --out.")
public final class PretrainLoadCommand implements Callable<Integer> {
    @Mixin
    private OverwriteOption overwrite;

    @Spec
    private CommandSpec spec;

    @Option(names = "--arch", paramLabel = "ARCH",
            description = "zoo architecture: mlp-16, mlp-256, mlp-1024x2, cnn, resnet-small, rnn-100,"
            + " rnn-1000")
    private String arch;

    @Option(names = "--torchscript", paramLabel = "FILE.pt",
            description = "TorchScript file (torch.jit.save) to import, parameters trainable")
    private Path torchscript;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "checkpoint folder of ours to check and copy")
    private Path checkpoint;

    @Mixin
    private SharedOptions.OutputFolder out;

    @Mixin
    private SharedOptions.Seed seed;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "3",
            description = "pretraining epochs (default ${DEFAULT-VALUE})")
    private int epochs;

    @Mixin
    private SharedOptions.DataDir dataDir;

    @Option(names = "--potential", paramLabel = "POTENTIAL",
            description = "pretrain with mirror descent in this potential (the paper's RNN"
            + " protocol), e.g. 3-norm; default: SGD with momentum 0.9")
    private String potential;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.01",
            description = "fixed pretraining learning rate (default ${DEFAULT-VALUE})")
    private double lr;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "128",
            description = "mini-batch size (default ${DEFAULT-VALUE})")
    private int batchSize;

    @Option(names = "--train-limit", paramLabel = "N", defaultValue = "0",
            description = "use only the first N training images (0 = all)")
    private int trainLimit;

    @Option(names = "--channels", paramLabel = "C", defaultValue = "1",
            description = "TorchScript input channels (default ${DEFAULT-VALUE})")
    private int channels;

    @Option(names = "--image-size", paramLabel = "PIXELS", defaultValue = "28",
            description = "TorchScript input height = width (default ${DEFAULT-VALUE})")
    private int imageSize;

    @Option(names = "--input-view", paramLabel = "image|flat|row_sequence", defaultValue = "image",
            description = "TorchScript batch layout: image, flat,"
            + " row_sequence (default ${DEFAULT-VALUE})")
    private String inputView;

    @Mixin
    private SharedOptions.Device device;

    @Override
    public Integer call() {
        PretrainLoadOptions o = new PretrainLoadOptions(arch, torchscript, checkpoint, out.dir, seed.value, epochs,
                dataDir.dir, potential == null ? null : Potentials.parse(potential), lr, batchSize, trainLimit, shape(),
                device.value);
        Stages.run(new PretrainLoadStage(), o, spec.commandLine().getErr(), overwrite.value());
        return ExitCodes.OK;
    }

    private Network.InputShape shape() {
        return new Network.InputShape(channels, imageSize, imageSize, FashionMnist.CLASS_NAMES, parseView(inputView));
    }

    /** Parses {@code image}, {@code flat} or {@code row_sequence}. */
    static InputView parseView(String text) {
        try {
            return InputView.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--input-view must be image, flat or row_sequence, found " + text);
        }
    }
}
