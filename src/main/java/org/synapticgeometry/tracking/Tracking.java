package org.synapticgeometry.tracking;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        return startParent(config, runName, tags, Map.of());
    }

    /** As {@link #startParent(TrackingConfig, String, Map)}, with params. */
    public static String startParent(TrackingConfig config, String runName, Map<String, String> tags,
            Map<String, String> params) {
        MlflowRun run = workflowRun(config, runName, tags, params);
        String id = run.runId();
        run.detach();
        return id;
    }

    /**
     * Logs params, single values (step 0) and artifacts (file or folder → artifact folder) onto a run created
     * elsewhere (a workflow's parent run), on the backend that holds it: the server, or the local store when
     * the run was spooled there.
     *
     * @throws IllegalArgumentException when neither knows the run
     */
    public static void logOntoRun(TrackingConfig config, String runId, Map<String, String> params,
            Map<String, Double> metrics, List<Map.Entry<Path, String>> artifacts) {
        try (Tracker holder = holder(config, runId)) {
            long now = System.currentTimeMillis();
            List<MetricPoint> points = new ArrayList<>();
            new java.util.TreeMap<>(metrics).forEach((k, v) -> points.add(new MetricPoint(MlflowLimits.checkKey("metric", k), v, now, 0)));
            Map<String, String> checked = new LinkedHashMap<>();
            params.forEach((k, v) -> checked.put(MlflowLimits.checkKey("param", k),
                    MlflowLimits.truncate("param", k, v, MlflowLimits.MAX_PARAM_VALUE, config.warn())));
            for (MlflowLimits.Batch b : MlflowLimits.batches(points, checked, Map.of())) {
                holder.logBatch(runId, b.metrics(), b.params(), b.tags());
            }
            for (Map.Entry<Path, String> a : artifacts) {
                Path source = a.getKey().toAbsolutePath().normalize();
                Path base = java.nio.file.Files.isDirectory(source) ? source : source.getParent();
                for (Path f : MlflowRun.regularFiles(source)) {
                    String rel = base.relativize(f).toString().replace('\\', '/');
                    holder.uploadArtifact(runId, f, MlflowLimits.checkArtifactPath(a.getValue().isEmpty() ? rel
                            : a.getValue() + "/" + rel));
                }
            }
        }
    }

    /**
     * Saves the science view over {@code candidates} on the experiment of run {@code runId} ({@link ScienceView})
     * and tags run {@code runId} with its address ({@link TrackingKeys#SCIENCE_VIEW}), on the backend that
     * holds the run.
     *
     * @return the view's address
     */
    static String saveScienceView(TrackingConfig config, String runId, List<String> candidates) {
        try (Tracker holder = holder(config, runId)) {
            String exp = holder.experimentOf(runId).orElseThrow(() -> new IllegalArgumentException("run " + runId
                    + " is not in " + holder.describe()));
            holder.setExperimentTag(exp, ScienceView.TAG, ScienceView.envelope(candidates, System.currentTimeMillis()));
            String url = ScienceView.url(config.uri(), holder instanceof ServerTracker, exp);
            holder.logBatch(runId, List.of(), Map.of(), Map.of(TrackingKeys.SCIENCE_VIEW, url));
            return url;
        }
    }

    private static Tracker holder(TrackingConfig config, String runId) {
        if (config.uri().isServer()) {
            ServerTracker server = new ServerTracker(config.uri(), config.server());
            try {
                if (server.run(runId).isPresent()) {
                    return server;
                }
            } catch (TrackingUnavailableException e) {
                config.warn().println("sgeo tracking: warning: " + e.getMessage() + "; looking in the local store");
            }
            server.close();
        }
        FileStore local = config.uri().isServer() ? config.spoolStore() : new FileStore(config.uri().store());
        if (!local.hasRun(runId)) {
            throw new IllegalArgumentException("--run-id " + runId + " is not a run of " + config.uri().display()
                    + (config.uri().isServer() ? " nor of the local store " + local.describe() : "")
                    + "; use the id printed by `sgeo tracking start-parent`");
        }
        return local;
    }

    private static MlflowRun workflowRun(TrackingConfig config, String runName, Map<String, String> tags,
            Map<String, String> params) {
        Map<String, String> all = standardTags(config, WORKFLOW);
        all.put(TrackingKeys.RUN_NAME, runName);
        all.putAll(tags);
        MlflowRun run = new MlflowRun(config, WORKFLOW, null, experimentName(config, WORKFLOW), runName);
        run.start(all, params);
        return run;
    }

    /**
     * Ends a run created elsewhere (a workflow's parent run): on the configured backend, or in the
     * local store when the run was spooled there.
     *
     * @throws IllegalArgumentException when neither knows the run
     */
    public static void endRun(TrackingConfig config, String runId, RunStatus status) {
        try (Tracker holder = holder(config, runId)) {
            holder.endRun(runId, status, System.currentTimeMillis());
        }
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
