package org.synapticgeometry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sgeo run}: Runs a Nextflow workflow with the embedded Nextflow engine. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs a Nextflow workflow with the embedded Nextflow engine.")
public final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalStateException("sgeo run is not implemented yet");
    }
}
