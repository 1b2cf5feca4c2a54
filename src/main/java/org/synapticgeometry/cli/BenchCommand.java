package org.synapticgeometry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sgeo bench}: Benchmarks mirror-descent steps and scoring against baselines measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks mirror-descent steps and scoring against baselines measured in the same run.")
public final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalStateException("sgeo bench is not implemented yet");
    }
}
