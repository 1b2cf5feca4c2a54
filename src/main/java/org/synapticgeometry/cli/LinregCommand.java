package org.synapticgeometry.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.synapticgeometry.files.AtomicFiles;
import org.synapticgeometry.stage.linreg.LinregStage;
import org.synapticgeometry.stage.linreg.LinregOutputs;
import org.synapticgeometry.stage.Stages;
import org.synapticgeometry.stage.linreg.LinregOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sgeo linreg}: the paper's linear-regression experiment (Sec. 4.1) from a YAML parameter file. */
@Command(name = "linreg", mixinStandardHelpOptions = true,
        description = {"Runs the paper's linear-regression experiment (Sec. 4.1) from a YAML parameter file.",
            "Writes linreg.csv, linreg.json, manifest.csv and snapshots/<run_id>/{init,final}.npz into --out,"
                + " prints the identification table on stdout and progress on stderr."})
public final class LinregCommand implements Callable<Integer> {
    @Mixin
    private OverwriteOption overwrite;

    @Spec
    private CommandSpec spec;

    @Option(names = "--params", required = true, paramLabel = "FILE.yaml",
            description = "Parameter file, e.g. params/linreg-smoke.yaml or params/linreg-paper.yaml.")
    private Path paramsFile;

    @Mixin
    private SharedOptions.OutputFolder out;

    @Override
    public Integer call() {
        LinregOptions options = LinregOptions.read(paramsFile, out.dir);
        List<LinregOutputs.Cell> table = Stages.run(new LinregStage(), options, spec.commandLine().getErr(), overwrite.value());
        printTable(spec.commandLine().getOut(), table);
        return ExitCodes.OK;
    }

    private static void printTable(PrintWriter out, List<LinregOutputs.Cell> table) {
        out.println("identification (runs identified as the trained potential / runs; lowest exact uncentred ΔCDF)");
        out.println(String.format(Locale.ROOT, "%-18s %6s %6s %7s %6s %8s  %s", "trained_potential", "k", "power", "d",
                "n", "correct", "identified as"));
        for (LinregOutputs.Cell c : table) {
            out.println(String.format(Locale.ROOT, "%-18s %6s %6s %7d %6d %4d/%-3d  %s%s", c.trainedPotential(),
                    c.k(), c.power(), c.d(), c.n(), c.correct(), c.runs(), c.identified(),
                    c.diverged() > 0 ? " (" + c.diverged() + " diverged)" : ""));
        }
        out.flush();
    }
}
