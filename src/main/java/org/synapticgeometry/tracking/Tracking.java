package org.synapticgeometry.tracking;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point for stages and workflows: starts tracked runs on the backend chosen by the
 * environment ({@code MLFLOW_TRACKING_URI}: http(s) server, or a file store, default ./mlruns),
 * in the experiment {@code SGEO_EXPERIMENT} (default {@code sgeo-<stage>}), as children of
 * {@code SGEO_PARENT_RUN_ID}, tagged with the stage, the stage's own tags (potential, architecture,
 * seed), the git commit and the Nextflow run name and task hash. See the README's env contract.
 */
public final class Tracking {
    /** Stage tag value of a workflow's parent run. */
    public static final String WORKFLOW = "workflow";

    private Tracking() {
    }

    /**
     * Starts the run of one stage writing into {@code outDir} (its {@code run.json} goes there when the
     * run ends; null for none), with the stage's options as params and its tags.
     *
     * @throws IllegalArgumentException for a malformed tracking environment or invalid keys
     */
    public static TrackedRun startStage(String stage, Path outDir, Map<String, String> params,
            Map<String, String> tags) {
        return startStage(TrackingConfig.fromEnv(System.getenv()), stage, outDir, params, tags);
    }

    /** As {@link #startStage(String, Path, Map, Map)} with an explicit configuration. */
    public static TrackedRun startStage(TrackingConfig config, String stage, Path outDir, Map<String, String> params,
            Map<String, String> tags) {
        Map<String, String> all = standardTags(config, stage);
        all.putAll(tags);
        all.put(TrackingKeys.PROCESS, Provenance.processId());
        if (config.parentRunId() != null) {
            all.put(TrackingKeys.PARENT, config.parentRunId());
        }
        Map<String, String> naming = new LinkedHashMap<>(params);
        naming.putAll(all);
        MlflowRun run = new MlflowRun(config, stage, outDir, experimentName(config, stage),
                MlflowRun.runName(stage, naming));
        OpenRuns.add(run);
        run.start(all, params);
        return run;
    }

    /**
     * Creates the RUNNING parent run of a workflow and leaves it open for {@link #endRun}; stage runs
     * started with {@code SGEO_PARENT_RUN_ID} set to the returned id become its children.
     *
     * @return the parent run's id
     */
    public static String startParent(TrackingConfig config, String runName, Map<String, String> tags) {
        Map<String, String> all = standardTags(config, WORKFLOW);
        all.put(TrackingKeys.RUN_NAME, runName);
        all.putAll(tags);
        MlflowRun run = new MlflowRun(config, WORKFLOW, null, experimentName(config, WORKFLOW), runName);
        run.start(all, Map.of());
        String id = run.runId();
        run.detach();
        return id;
    }

    /**
     * Ends a run created elsewhere (a workflow's parent run): on the configured backend, or in the
     * local store when the run was spooled there.
     *
     * @throws IllegalArgumentException when neither knows the run
     */
    public static void endRun(TrackingConfig config, String runId, RunStatus status) {
        long now = System.currentTimeMillis();
        if (config.uri().isServer()) {
            try (ServerTracker server = new ServerTracker(config.uri(), config.server())) {
                if (server.run(runId).isPresent()) {
                    server.endRun(runId, status, now);
                    return;
                }
            } catch (TrackingUnavailableException e) {
                config.warn().println("sgeo tracking: warning: " + e.getMessage() + "; looking in the local store");
            }
        }
        FileStore local = config.uri().isServer() ? config.spoolStore() : new FileStore(config.uri().store());
        if (!local.hasRun(runId)) {
            throw new IllegalArgumentException("--run-id " + runId + " is not a run of " + config.uri().display()
                    + (config.uri().isServer() ? " nor of the local store " + local.describe() : "")
                    + "; use the id printed by `sgeo tracking start-parent`");
        }
        local.endRun(runId, status, now);
    }

    private static Map<String, String> standardTags(TrackingConfig config, String stage) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put(TrackingKeys.STAGE, stage);
        t.put(TrackingKeys.SOURCE_NAME, "sgeo " + stage);
        t.put(TrackingKeys.SOURCE_TYPE, "JOB");
        t.put(TrackingKeys.USER, System.getProperty("user.name", "unknown"));
        t.put(TrackingKeys.GIT_COMMIT, config.gitCommit());
        if (config.nfRunName() != null) {
            t.put(TrackingKeys.NF_RUN, config.nfRunName());
        }
        if (config.nfTaskHash() != null) {
            t.put(TrackingKeys.NF_TASK, config.nfTaskHash());
        }
        return t;
    }

    private static String experimentName(TrackingConfig config, String stage) {
        return config.experiment() != null ? config.experiment() : "sgeo-" + stage;
    }
}
