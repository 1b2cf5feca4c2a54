package org.synapticgeometry.workflow;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.synapticgeometry.tracking.ReproductionSummary;
import org.synapticgeometry.tracking.RunStatus;
import org.synapticgeometry.tracking.TrackingConfig;
import org.synapticgeometry.tracking.TrackingKeys;
import org.synapticgeometry.tracking.TrackingUri;

/**
 * One {@code sgeo run}: checks the workflow file, the profiles and the parameters, names the run,
 * and starts Nextflow with the tracking variables that every stage reads
 * ({@code SGEO_EXPERIMENT}, {@code SGEO_NF_RUN_NAME}, {@code SGEO_PARENT_RUN_ID} of the parent run it
 * creates, and an absolute {@code MLFLOW_TRACKING_URI}); the parent run gets the reproduction's summary
 * ({@link ReproductionSummary}) and ends with the workflow.
 */
public final class WorkflowRun {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final String BUILD_PARAM = "sgeo_build";

    private final NextflowArguments args;
    private final WorkflowParams params;
    private final List<String> pathOptions;
    private final String runName;

    private WorkflowRun(NextflowArguments args, WorkflowParams params, List<String> pathOptions, String runName) {
        this.args = args;
        this.params = params;
        this.pathOptions = List.copyOf(pathOptions);
        this.runName = runName;
    }

    /**
     * Parses and validates everything that can be checked before Nextflow starts, for a run
     * launched in {@code launchDir} (where a relative {@code -params-file} and command-line paths
     * are looked up).
     *
     * @throws IllegalArgumentException for a missing workflow or params file, an unknown profile,
     *     a missing input file or a parameter that fails the checks (see {@link ParamsValidator#validate})
     */
    public static WorkflowRun prepare(List<String> cliArgs, Path launchDir) {
        return prepare(cliArgs, launchDir, Map.of());
    }

    /**
     * As {@link #prepare(List, Path)}, also reading each file-valued parameter named in {@code fileChecks}
     * with the stage's own reader (the command line passes the linreg stage's), so that a file a stage
     * would refuse is refused before Nextflow starts.
     */
    public static WorkflowRun prepare(List<String> cliArgs, Path launchDir, Map<String, Consumer<Path>> fileChecks) {
        NextflowArguments a = NextflowArguments.parse(cliArgs);
        Path projectDir = a.workflow().toAbsolutePath().getParent();
        NextflowProfiles.check(a.profiles(), projectDir.resolve("nextflow.config"));
        WorkflowParams p = WorkflowParams.of(a.paramsFile(), a.overrides(), launchDir);
        List<String> pathOptions = List.of();
        Path schema = projectDir.resolve(ParamsValidator.SCHEMA_FILE);
        if (Files.isRegularFile(schema)) {
            ParamsValidator validator = ParamsValidator.load(schema);
            p = validator.validate(p, fileChecks);
            pathOptions = validator.pathOptions(p);
        }
        String name = a.runName().orElseGet(() -> "sgeo-" + LocalDateTime.now().format(STAMP) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)));
        return new WorkflowRun(a, p, pathOptions, name);
    }

    /** The Nextflow run name (given with {@code -name}, or made up from the time). */
    public String runName() {
        return runName;
    }

    /** The parameters after merging the params file and the overrides. */
    public WorkflowParams params() {
        return params;
    }

    /**
     * Nextflow's arguments: {@code run WORKFLOW [-name NAME] OPTIONS... [--INPUT /abs/path]...
     * [--sgeo_build ID]}: every input path parameter again as its absolute path (so tasks, which run
     * in their own work folders, find it), and the build identity ({@link SgeoBuild}) unless the
     * params already give one.
     */
    public List<String> nextflowArgs() {
        List<String> out = new ArrayList<>(List.of("run", args.workflow().toString()));
        if (args.runName().isEmpty()) {
            out.addAll(List.of("-name", runName));
        }
        out.addAll(args.nextflowOptions());
        out.addAll(pathOptions);
        if (params.text(BUILD_PARAM).isEmpty()) {
            out.addAll(List.of("--" + BUILD_PARAM, SgeoBuild.id()));
        }
        return out;
    }

    /**
     * Variables the stages read for tracking. The MLflow store defaults to {@code launchDir/mlruns}
     * (an absolute path: tasks run in their own work folders), unless {@code MLFLOW_TRACKING_URI} is set.
     */
    public Map<String, String> environment(Path launchDir, Map<String, String> inherited) {
        Map<String, String> env = new HashMap<>();
        env.put(TrackingKeys.ENV_EXPERIMENT, params.text("experiment").orElse(
                blank(inherited.get(TrackingKeys.ENV_MLFLOW_EXPERIMENT)) ? "synaptic-geometry"
                        : inherited.get(TrackingKeys.ENV_MLFLOW_EXPERIMENT).strip()));
        env.put(TrackingKeys.ENV_NF_RUN, runName);
        Path store = launchDir.toAbsolutePath().resolve(TrackingUri.DEFAULT_STORE);
        if (blank(inherited.get(TrackingKeys.ENV_URI))) {
            env.put(TrackingKeys.ENV_URI, store.toUri().toString());
        }
        if (blank(inherited.get(TrackingKeys.ENV_SPOOL))) {
            env.put(TrackingKeys.ENV_SPOOL, store.toString());
        }
        return env;
    }

    /**
     * Runs Nextflow in {@code launchDir} inside a parent tracking run (its stage runs become children;
     * the parent ends FINISHED or FAILED with the workflow, KILLED when the launcher is stopped by
     * SIGINT or SIGTERM; one a SIGKILL left RUNNING is ended KILLED by the next run in the same
     * folder, see {@link ParentRun}); returns Nextflow's exit code.
     *
     * @throws IllegalArgumentException for a malformed tracking environment
     */
    public int execute(NextflowEngine engine, Path launchDir, PrintWriter out, PrintWriter err) {
        Map<String, String> env = environment(launchDir, System.getenv());
        Map<String, String> all = new HashMap<>(System.getenv());
        all.putAll(env);
        TrackingConfig tracking = TrackingConfig.fromEnv(all);
        ParentRun parent = ParentRun.start(tracking, all, launchDir, runName,
                Map.of("workflow", args.workflow().getFileName().toString(),
                        "params_file", args.paramsFile().map(Path::toString).orElse("")),
                ReproductionSummary.params(params.values(), Map.of("sgeo_build",
                        params.text(BUILD_PARAM).orElseGet(SgeoBuild::id), "git_commit", tracking.gitCommit(),
                        "nextflow.run_name", runName, "nextflow.profile",
                        args.profiles().isEmpty() ? "none" : String.join(",", args.profiles()))), err);
        env.put(TrackingKeys.ENV_PARENT, parent.id());
        err.println("sgeo run: tracking parent run " + parent.id() + " in " + tracking.uri().display());
        long start = System.nanoTime();
        return engine.run(nextflowArgs(), launchDir, env, out, err, (code, stopped) -> {
            if (stopped) {
                err.println("sgeo run: stopped; Nextflow ended its tasks (exit code " + code
                        + "); rerun the same command with -resume to go on");
            }
            ReproductionSummary.log(tracking.withRunContext(tracking.experiment(), null), parent.id(),
                    launchDir.resolve(params.text("outdir").orElse("results")), launchDir,
                    args.paramsFile().orElse(null), (System.nanoTime() - start) / 1e9)
                    .ifPresent(view -> err.println("sgeo run: science view: " + viewAddress(tracking.uri(), view)));
            parent.end(stopped ? RunStatus.KILLED : status(code));
        });
    }

    /**
     * Where to open the science view: a server's address as it is; for a file store, the address of the UI that
     * {@code mlflow ui} serves over it by default, with the command that starts it.
     */
    static String viewAddress(TrackingUri uri, String view) {
        if (uri.isServer()) {
            return view;
        }
        return "http://127.0.0.1:5000" + view + " (once `MLFLOW_ALLOW_FILE_STORE=true mlflow ui --backend-store-uri "
                + uri.display() + "` serves the store)";
    }

    /** The parent run's status from Nextflow's exit code: 130/143 mean it was interrupted (SIGINT/SIGTERM). */
    static RunStatus status(int code) {
        if (code == 0) {
            return RunStatus.FINISHED;
        }
        return code == 130 || code == 143 ? RunStatus.KILLED : RunStatus.FAILED;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
