package org.synapticgeometry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sgeo fit-sizes}: Fits each potential's change model to a distribution of synapse sizes (paper Sec. 4.4). */
@Command(name = "fit-sizes", mixinStandardHelpOptions = true, description = "Fits each potential's change model to a distribution of synapse sizes (paper Sec. 4.4).")
public final class FitSizesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalStateException("sgeo fit-sizes is not implemented yet");
    }
}
