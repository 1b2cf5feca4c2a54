package org.synapticgeometry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sgeo finetune-per-map}: Fine-tunes a pretrained network with one potential (the paper's protocol). */
@Command(name = "finetune-per-map", mixinStandardHelpOptions = true, description = "Fine-tunes a pretrained network with one potential (the paper's protocol).")
public final class FinetunePerMapCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalStateException("sgeo finetune-per-map is not implemented yet");
    }
}
