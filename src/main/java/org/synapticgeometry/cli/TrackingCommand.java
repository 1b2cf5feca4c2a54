package org.synapticgeometry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sgeo tracking}: Tracking tools (sync a local MLflow store into a server). */
@Command(name = "tracking", mixinStandardHelpOptions = true, description = "Tracking tools (sync a local MLflow store into a server).")
public final class TrackingCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalStateException("sgeo tracking is not implemented yet");
    }
}
