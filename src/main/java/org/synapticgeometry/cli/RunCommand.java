package org.synapticgeometry.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.synapticgeometry.stage.linreg.LinregParams;
import org.synapticgeometry.workflow.NextflowEngine;
import org.synapticgeometry.workflow.WorkflowRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code sgeo run WORKFLOW.nf [Nextflow options]}: validates the parameters against the workflow's
 * schema, then runs the workflow with the embedded Nextflow engine (a child JVM, offline by default).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a Nextflow workflow with the embedded Nextflow engine.",
            "Everything after WORKFLOW.nf goes to Nextflow: -params-file FILE, -resume, -profile NAMES,",
            "-with-report/-with-trace/-with-timeline [FILE], --outdir DIR, --<param> VALUE.",
            "Example: sgeo run workflows/main.nf -params-file params/smoke.yaml -resume"})
public final class RunCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Unmatched
    private List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        Path launchDir = Path.of("").toAbsolutePath();
        WorkflowRun run = WorkflowRun.prepare(arguments, launchDir, Map.of("linreg_params", LinregParams::read));
        NextflowEngine engine = NextflowEngine.locate();
        var err = spec.commandLine().getErr();
        err.println("sgeo run: parameters valid; starting Nextflow (run " + run.runName() + ")");
        int code = run.execute(engine, launchDir, spec.commandLine().getOut(), err);
        if (code != 0) {
            err.println("sgeo run: Nextflow failed with exit code " + code
                    + "; fix the error above, then rerun the same command with -resume to reuse finished tasks");
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }
}
