package org.synapticgeometry.workflow;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One {@code sgeo run}: checks the workflow file, the profiles and the parameters, names the run,
 * and starts Nextflow with the tracking variables that every stage reads
 * ({@code SGEO_EXPERIMENT}, {@code SGEO_NF_RUN_NAME}; {@code SGEO_PARENT_RUN_ID} when set).
 */
public final class WorkflowRun {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final NextflowArguments args;
    private final WorkflowParams params;
    private final String runName;

    private WorkflowRun(NextflowArguments args, WorkflowParams params, String runName) {
        this.args = args;
        this.params = params;
        this.runName = runName;
    }

    /**
     * Parses and validates everything that can be checked before Nextflow starts.
     *
     * @throws IllegalArgumentException for a missing workflow or params file, an unknown profile,
     *     or a parameter that fails the schema (see {@link ParamsValidator#validate})
     */
    public static WorkflowRun prepare(List<String> cliArgs) {
        NextflowArguments a = NextflowArguments.parse(cliArgs);
        Path projectDir = a.workflow().toAbsolutePath().getParent();
        NextflowProfiles.check(a.profiles(), projectDir.resolve("nextflow.config"));
        WorkflowParams p = WorkflowParams.of(a.paramsFile(), a.overrides());
        Path schema = projectDir.resolve(ParamsValidator.SCHEMA_FILE);
        if (Files.isRegularFile(schema)) {
            ParamsValidator.load(schema).validate(p);
        }
        String name = a.runName().orElseGet(() -> "sgeo-" + LocalDateTime.now().format(STAMP) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)));
        return new WorkflowRun(a, p, name);
    }

    /** The Nextflow run name (given with {@code -name}, or made up from the time). */
    public String runName() {
        return runName;
    }

    /** The parameters after merging the params file and the overrides. */
    public WorkflowParams params() {
        return params;
    }

    /** Nextflow's arguments: {@code run WORKFLOW [-name NAME] OPTIONS...}. */
    public List<String> nextflowArgs() {
        List<String> out = new ArrayList<>(List.of("run", args.workflow().toString()));
        if (args.runName().isEmpty()) {
            out.addAll(List.of("-name", runName));
        }
        out.addAll(args.nextflowOptions());
        return out;
    }

    /** Variables the stages read for tracking; {@code parentRunId} may be null. */
    public Map<String, String> environment(String parentRunId) {
        Map<String, String> env = new HashMap<>();
        env.put("SGEO_EXPERIMENT", params.text("experiment").orElse("synaptic-geometry"));
        env.put("SGEO_NF_RUN_NAME", runName);
        if (parentRunId != null) {
            env.put("SGEO_PARENT_RUN_ID", parentRunId);
        }
        return env;
    }

    /** Runs Nextflow in {@code launchDir}; returns its exit code. */
    public int execute(NextflowEngine engine, Path launchDir, String parentRunId, PrintWriter out, PrintWriter err) {
        return engine.run(nextflowArgs(), launchDir, environment(parentRunId), out, err);
    }
}
