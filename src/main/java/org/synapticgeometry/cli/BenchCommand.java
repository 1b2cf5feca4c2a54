package org.synapticgeometry.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.synapticgeometry.bench.Bench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sgeo bench}: benchmarks mirror-descent steps and scoring against baselines measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks mirror-descent steps and scoring against baselines measured in the same run.",
            "Prints a Markdown table of median times and ratios on stdout (progress on stderr)."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--suite", defaultValue = "all", paramLabel = "NAME",
            description = "Which suite: optim, deltacdf, score or all (default: ${DEFAULT-VALUE}).")
    private String suite;

    @Option(names = "--tensor-size", defaultValue = "1000000", paramLabel = "N",
            description = "Elements of the float32 tensor of the optimizer suite (default: ${DEFAULT-VALUE}).")
    private int tensorSize;

    @Option(names = "--deltacdf-sizes", defaultValue = "1000000,10000000", split = ",", paramLabel = "N[,N...]",
            description = "Sample sizes of the ΔCDF suite (default: ${DEFAULT-VALUE}).")
    private List<Long> deltaCdfSizes;

    @Option(names = "--repeats", defaultValue = "50", paramLabel = "R",
            description = "Timed calls per case in the optimizer suite; the ΔCDF suite uses R/10 (default: ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "T",
            description = {"libtorch intra-op threads, set before the engine starts (default: ${DEFAULT-VALUE}).",
                "With 1 thread an op runs on the calling thread, whose CPU time is what the ratio compares;"
                    + " with more, CPU ratios miss the worker threads and only wall times are meaningful."})
    private int threads;

    @Override
    public Integer call() {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, found " + threads);
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        if (tensorSize < 1 || repeats < 1) {
            throw new IllegalArgumentException("--tensor-size and --repeats must be >= 1, found " + tensorSize + " and "
                    + repeats);
        }
        for (long n : deltaCdfSizes) {
            if (n < 2 || n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("--deltacdf-sizes must be in [2, 2^31 - 9], found " + n);
            }
        }
        long[] sizes = deltaCdfSizes.stream().mapToLong(Long::longValue).toArray();
        Bench.Settings settings = new Bench.Settings(tensorSize, sizes, Math.max(1, repeats / 5), repeats, 42);
        List<Bench.Row> rows = Bench.run(suite, settings, spec.commandLine().getErr());
        spec.commandLine().getOut().print(Bench.table(rows));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
