package org.synapticgeometry.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.synapticgeometry.files.AtomicFiles;
import org.synapticgeometry.regress.Baseline;
import org.synapticgeometry.regress.CheckOutcome;
import org.synapticgeometry.regress.CheckReport;
import org.synapticgeometry.regress.RegressionCheck;
import org.synapticgeometry.regress.Sources;
import org.synapticgeometry.workflow.SgeoBuild;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sgeo regress}: science regression checks of a reproduction against a baseline ({@code check}), and
 * the baseline itself ({@code update}).
 */
@Command(name = "regress", mixinStandardHelpOptions = true,
        description = "Science regression checks: compare a reproduction with a baseline, or write a baseline.",
        subcommands = {RegressCommand.Check.class, RegressCommand.Update.class})
public final class RegressCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: check or update");
    }

    /** {@code sgeo regress check}: exit 0 when every figure is inside its band, 1 when any left it, 2 for bad input. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Checks a reproduction's headline figures (identification, ΔCDF, test accuracies)"
                + " against the bands of a baseline.",
                "Exit 0: every figure inside its band; 1: a figure left it (the report names it); 2: bad input."})
    static final class Check implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--baseline", required = true, paramLabel = "FILE|mlflow:RUN_ID",
                description = "A baseline written by sgeo regress update, or the parent run of a reproduction in MLflow.")
        private String baseline;

        @Option(names = "--results", required = true, paramLabel = "DIR|mlflow:RUN_ID",
                description = "A workflow outdir or any folder of sgeo score/linreg/finetune-per-map outputs,"
                        + " or the parent run of a reproduction in MLflow (the store MLFLOW_TRACKING_URI names: a file store or a server).")
        private String results;

        @Option(names = "--report", paramLabel = "OUT.md", description = "Also write the Markdown report here.")
        private Path report;

        @Option(names = "--json", paramLabel = "OUT.json", description = "Also write the JSON report here.")
        private Path json;

        @Override
        public Integer call() {
            long start = System.nanoTime();
            for (Path p : new Path[] {report, json}) {
                if (p != null) {
                    AtomicFiles.requireWritableDirectory(p.toAbsolutePath().getParent(), p == report ? "--report" : "--json");
                }
            }
            Baseline b = Sources.baseline(baseline, System.getenv());
            CheckOutcome outcome = RegressionCheck.check(baseline, b, Sources.results(results, System.getenv()));
            String md = CheckReport.markdown(outcome);
            if (report != null) {
                AtomicFiles.writeString(report, md);
            }
            if (json != null) {
                AtomicFiles.writeString(json, CheckReport.json(outcome));
            }
            spec.commandLine().getOut().print(md);
            spec.commandLine().getErr().printf(java.util.Locale.ROOT,
                    "sgeo regress check: %s: %d of %d figures outside their bands (%.2f s)%n",
                    outcome.passed() ? "passed" : "FAILED", outcome.outside().size(), outcome.verdicts().size(),
                    (System.nanoTime() - start) / 1e9);
            return outcome.passed() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    /** {@code sgeo regress update}: writes the baseline of a reproduction. */
    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Writes a baseline from a reproduction: every headline figure with its band from the seed"
                + " spread, and the provenance (commit, build, params digest, experiment).",
                "Commit it on its own, saying why the figures changed."})
    static final class Update implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--results", required = true, paramLabel = "DIR|mlflow:RUN_ID",
                description = "The reproduction's outdir (or folder of score/linreg/finetune-per-map outputs),"
                        + " or its parent run in MLflow (the store MLFLOW_TRACKING_URI names: a file store or a server).")
        private String results;

        @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "The baseline to write.")
        private Path out;

        @Override
        public Integer call() {
            AtomicFiles.requireWritableDirectory(out.toAbsolutePath().getParent(), "--out");
            Baseline b = Baseline.of(Sources.results(results, System.getenv()), SgeoBuild.id(), Instant.now());
            b.write(out);
            spec.commandLine().getOut().println("sgeo regress update: wrote " + out + " (" + b.figures().size()
                    + " figures, experiment " + b.experiment() + ", commit " + b.provenance().commit()
                    + "); commit it on its own with the reason for the change");
            return ExitCodes.OK;
        }
    }
}
