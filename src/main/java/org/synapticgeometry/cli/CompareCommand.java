package org.synapticgeometry.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.synapticgeometry.files.AtomicFiles;
import org.synapticgeometry.regress.CompareReport;
import org.synapticgeometry.regress.Comparison;
import org.synapticgeometry.regress.Sources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sgeo compare}: two reproductions side by side (like {@code dvc exp diff}). */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Shows two reproductions side by side: identification per cell, own-geometry ΔCDF,"
            + " test accuracies, wall time, and the params that differ.",
            "A and B are result folders (workflow outdirs) or parent runs in MLflow (mlflow:RUN_ID, in the file store or server MLFLOW_TRACKING_URI names)."})
public final class CompareCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { md, json }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "The first reproduction.")
    private String a;

    @Parameters(index = "1", paramLabel = "B", description = "The second reproduction.")
    private String b;

    @Option(names = "--format", paramLabel = "md|json", defaultValue = "md",
            description = "Markdown table or JSON (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report here instead of stdout.")
    private Path out;

    @Override
    public Integer call() {
        if (out != null) {
            AtomicFiles.requireWritableDirectory(out.toAbsolutePath().getParent(), "--out");
        }
        Comparison c = Comparison.of(Sources.results(a, System.getenv()), Sources.results(b, System.getenv()));
        String text = format == Format.json ? CompareReport.json(c) : CompareReport.markdown(c);
        if (out != null) {
            AtomicFiles.writeString(out, text);
        } else {
            spec.commandLine().getOut().print(text);
        }
        return ExitCodes.OK;
    }
}
