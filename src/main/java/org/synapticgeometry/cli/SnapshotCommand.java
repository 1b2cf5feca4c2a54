package org.synapticgeometry.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.synapticgeometry.stage.Stages;
import org.synapticgeometry.stage.snapshot.SnapshotOptions;
import org.synapticgeometry.stage.snapshot.SnapshotStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sgeo snapshot}: Writes the scored weights of a checkpoint as NPZ plus a JSON description. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Writes the scored weights of a checkpoint (or TorchScript file) as FILE.npz, one float32 array"
                + " per conv/linear/recurrent weight named by layer, plus FILE.json.")
public final class SnapshotCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR|FILE.pt",
            description = "Checkpoint folder of ours, or a TorchScript .pt file.")
    private Path checkpoint;

    @Option(names = "--out", required = true, paramLabel = "FILE.npz",
            description = "The .npz file to write. Unlike the other stages' --out this names a file, not a folder:"
                + " FILE.json (layers, shapes) and run.json (provenance) are written beside it.")
    private Path out;

    @Option(names = "--exclude-classifier", description = "leave out the final classifier layer (the paper does)")
    private boolean excludeClassifier;

    @Override
    public Integer call() {
        Stages.run(new SnapshotStage(), new SnapshotOptions(checkpoint, out, excludeClassifier), spec.commandLine().getErr());
        return ExitCodes.OK;
    }
}
