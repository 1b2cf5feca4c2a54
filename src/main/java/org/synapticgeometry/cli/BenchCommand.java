package org.synapticgeometry.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.synapticgeometry.bench.Bench;
import org.synapticgeometry.geometry.Potentials;
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
            description = {"Which suite: optim, deltacdf, score, finetune or all (default: ${DEFAULT-VALUE}).",
                "all runs the in-process suites; finetune (whole sgeo finetune-per-map processes against a PyTorch"
                    + " peer, minutes) runs only by name."})
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

    @Option(names = "--archs", defaultValue = "mlp-256,cnn", split = ",", paramLabel = "ARCH[,ARCH...]",
            description = "finetune suite: architectures (default: ${DEFAULT-VALUE}).")
    private List<String> archs;

    @Option(names = "--potential", defaultValue = "negative_entropy", paramLabel = "POTENTIAL",
            description = "finetune suite: the trained potential (default: ${DEFAULT-VALUE}).")
    private String potential;

    @Option(names = "--lr-grid", defaultValue = "1e-5,1e-4,1e-3,1e-2,1e-1", paramLabel = "LIST",
            description = "finetune suite: rates of the one search (default: ${DEFAULT-VALUE}).")
    private String lrGrid;

    @Option(names = "--epochs", defaultValue = "30", paramLabel = "E",
            description = "finetune suite: epochs per rate (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--runs", defaultValue = "3", paramLabel = "R",
            description = "finetune suite: alternated rounds of one sgeo and one PyTorch process, seeds 1..R"
                    + " (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", paramLabel = "PYTHON",
            description = "finetune suite: interpreter with torch, e.g. Debian's python3-torch (default: ${DEFAULT-VALUE}).")
    private String python;

    @Option(names = "--sgeo", paramLabel = "LAUNCHER",
            description = "finetune suite: the sgeo launcher to time (default: bin/sgeo of this build).")
    private Path sgeo;

    @Option(names = "--peer", paramLabel = "SCRIPT",
            description = "finetune suite: the PyTorch peer (default: ci/peers/finetune_torch.py of this build).")
    private Path peer;

    @Option(names = "--work", defaultValue = "bench-finetune", paramLabel = "DIR",
            description = "finetune suite: pretrained networks (made once, reused) and each run's outputs"
                    + " (default: ${DEFAULT-VALUE}).")
    private Path work;

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
        if (runs < 1 || epochs < 1) {
            throw new IllegalArgumentException("--runs and --epochs must be >= 1, found " + runs + " and " + epochs);
        }
        Potentials.parse(potential);
        Path root = sourceRoot();
        Bench.FinetuneSettings finetune = new Bench.FinetuneSettings(archs, potential, lrGrid, epochs, runs,
                sgeo != null ? sgeo : root.resolve("bin/sgeo"), python,
                peer != null ? peer : root.resolve("ci/peers/finetune_torch.py"), work.toAbsolutePath());
        Bench.Settings settings = new Bench.Settings(tensorSize, sizes, Math.max(1, repeats / 5), repeats, 42, threads,
                finetune);
        List<Bench.Row> rows = Bench.run(suite, settings, spec.commandLine().getErr());
        spec.commandLine().getOut().print(Bench.table(rows));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /** The sgeo checkout this build runs from: the parent of {@code target/} holding the jar or the classes. */
    private static Path sourceRoot() {
        try {
            Path code = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
