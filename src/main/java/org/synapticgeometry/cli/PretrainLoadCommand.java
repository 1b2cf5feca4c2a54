package org.synapticgeometry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sgeo pretrain-load}: Pretrains a zoo architecture on Fashion-MNIST, or loads a TorchScript file or checkpoint. */
@Command(name = "pretrain-load", mixinStandardHelpOptions = true, description = "Pretrains a zoo architecture on Fashion-MNIST, or loads a TorchScript file or checkpoint.")
public final class PretrainLoadCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalStateException("sgeo pretrain-load is not implemented yet");
    }
}
