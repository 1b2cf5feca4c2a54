package org.synapticgeometry.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.synapticgeometry.stage.Stages;
import org.synapticgeometry.synapse.Candidate;
import org.synapticgeometry.stage.fitsizes.FitSizesStage;
import org.synapticgeometry.stage.fitsizes.FitSizesOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sgeo fit-sizes}: fits each potential's change model to a distribution of synapse sizes (paper Sec. 4.4). */
@Command(name = "fit-sizes", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fits each potential's change model w = (grad phi)^-1(grad phi(c_j) + xi), xi ~ N(0, sigma^2),"
            + " to a distribution of synapse sizes (paper Sec. 4.4), ranks the geometries by BIC and says which are"
            + " ruled out.",
            "Modes: one sample (--sizes, optionally --group-column); unpaired before/after samples (--sizes BEFORE"
            + " --after AFTER, fitted jointly); paired sizes (--column BEFORE --after-column AFTER, scored by the"
            + " dual change's delta-CDF)."})
public final class FitSizesCommand implements Callable<Integer> {
    @Mixin
    private OverwriteOption overwrite;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--sizes", required = true, paramLabel = "FILE.csv",
            description = "Comma-separated table of positive sizes with a header row.")
    private Path sizes;

    @Mixin
    private SharedOptions.OutputFolder out;

    @Option(names = "--column", paramLabel = "NAME",
            description = "Size column (before-learning column for paired data); optional for a one-column table.")
    private String column;

    @Option(names = "--group-column", paramLabel = "NAME",
            description = "Label column (e.g. connection type); each group is fitted separately.")
    private String groupColumn;

    @Option(names = "--after", paramLabel = "FILE.csv",
            description = "Sizes after learning of other synapses (unpaired); fitted jointly with --sizes as before.")
    private Path after;

    @Option(names = "--after-column", paramLabel = "NAME",
            description = "Column of sizes after learning of the same synapses (paired data).")
    private String afterColumn;

    @Option(names = "--candidates", paramLabel = "LIST",
            description = "Comma-separated candidate geometries; 'hypentropy' fits beta. Default:"
                    + " negative_entropy,1.5-norm,2-norm,2.5-norm,3-norm,hypentropy (paired: without hypentropy).")
    private String candidates;

    @Option(names = "--states", defaultValue = "2", paramLabel = "K",
            description = "Number of initial states K, 1 or 2 (default: ${DEFAULT-VALUE}, as in the paper).")
    private int states;

    @Option(names = "--starts", defaultValue = "4", paramLabel = "N",
            description = "Optimizer starts per candidate (default: ${DEFAULT-VALUE}).")
    private int starts;

    @Option(names = "--bootstrap", defaultValue = "0", paramLabel = "B",
            description = "Bootstrap resamples for percentile intervals and ranking stability (default: ${DEFAULT-VALUE}"
                    + " = Wald intervals only).")
    private int bootstrap;

    @Mixin
    private SharedOptions.Seed seed;

    @Override
    public Integer call() {
        List<Candidate> list = candidates == null ? null : Candidate.parseList(candidates);
        FitSizesOptions config = new FitSizesOptions(sizes, column, groupColumn, after, afterColumn, out.dir, list,
                states, starts, bootstrap, seed.value);
        List<String> summary = Stages.run(new FitSizesStage(), config, spec.commandLine().getErr(), overwrite.value());
        summary.forEach(spec.commandLine().getOut()::println);
        return ExitCodes.OK;
    }
}
