package org.synapticgeometry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sgeo linreg}: Runs the paper's linear-regression experiment (Sec. 4.1) from a YAML parameter file. */
@Command(name = "linreg", mixinStandardHelpOptions = true, description = "Runs the paper's linear-regression experiment (Sec. 4.1) from a YAML parameter file.")
public final class LinregCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalStateException("sgeo linreg is not implemented yet");
    }
}
