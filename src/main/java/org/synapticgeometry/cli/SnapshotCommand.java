package org.synapticgeometry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sgeo snapshot}: Writes the scored weights of a checkpoint as NPZ plus a JSON description. */
@Command(name = "snapshot", mixinStandardHelpOptions = true, description = "Writes the scored weights of a checkpoint as NPZ plus a JSON description.")
public final class SnapshotCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalStateException("sgeo snapshot is not implemented yet");
    }
}
