package org.synapticgeometry.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.synapticgeometry.report.Report;
import org.synapticgeometry.stage.Stages;
import org.synapticgeometry.stage.report.ReportOptions;
import org.synapticgeometry.stage.report.ReportStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;


/** {@code sgeo report}: Builds the HTML report with the paper's figures from score folders. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Builds the HTML report with the paper's figures from score folders.",
            "Writes index.html (opens from disk), one PNG and one SVG per figure, and summary.md into --out."})
public final class ReportCommand implements Callable<Integer> {
    @Mixin
    private OverwriteOption overwrite;

    @Spec
    private CommandSpec spec;

    @Option(names = "--scores", required = true, paramLabel = "DIR",
            description = "A folder written by sgeo score (scores.csv, identification.json); repeatable.")
    private List<Path> scores = new ArrayList<>();

    @Option(names = "--extras", paramLabel = "DIR",
            description = "Folders searched for linreg.csv (linear-regression figures) and train.json (fine-tuning table); repeatable.")
    private List<Path> extras = new ArrayList<>();

    @Option(names = "--manifest", paramLabel = "FILE.csv",
            description = "A manifest of snapshot pairs (as for sgeo score) for the Δ-histogram and |w| figures; repeatable.")
    private List<Path> manifests = new ArrayList<>();

    @Option(names = "--pairs", hidden = true, paramLabel = "FILE.csv", description = "Old name of --manifest.")
    private List<Path> legacyPairs = new ArrayList<>();

    @Mixin
    private SharedOptions.OutputFolder out;

    @Override
    public Integer call() {
        List<Path> pairs = new ArrayList<>(manifests);
        if (!legacyPairs.isEmpty()) {
            SharedOptions.Renamed.warn(spec, "--pairs", "--manifest");
            pairs.addAll(legacyPairs);
        }
        Report report = Stages.run(new ReportStage(), new ReportOptions(scores, extras, pairs, out.dir),
                spec.commandLine().getErr(), overwrite.value());
        spec.commandLine().getOut().println("report: " + out.dir.resolve("index.html") + " (" + report.figures().size()
                + " figures), summary: " + out.dir.resolve("summary.md"));
        return ExitCodes.OK;
    }
}
