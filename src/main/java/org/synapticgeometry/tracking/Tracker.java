package org.synapticgeometry.tracking;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tracking backend: an MLflow server ({@link ServerTracker}) or a local MLflow file store
 * ({@link FileStore}). Callers pass records already checked and split by {@link MlflowLimits}.
 * Server backends throw {@link TrackingUnavailableException} when the server cannot be reached
 * after bounded retries, so the caller can spool the run to a local store.
 */
public interface Tracker extends AutoCloseable {

    /** Where records go, safe to print (no credentials). */
    String describe();

    /** The id of the active experiment named {@code name}, created if absent. */
    String experimentId(String name);

    /**
     * Creates a RUNNING run.
     *
     * @param experimentId the experiment
     * @param runId the id to use, or null to let the backend choose (servers always choose)
     * @param runName the run name (also tag {@code mlflow.runName})
     * @param startTime epoch milliseconds
     * @return the run's id
     */
    String createRun(String experimentId, String runId, String runName, long startTime);

    /** Logs one batch (within {@link MlflowLimits}). */
    void logBatch(String runId, List<MetricPoint> metrics, Map<String, String> params, Map<String, String> tags);

    /**
     * Records the files a run read as MLflow dataset inputs ({@link DatasetInput}): on a server through
     * {@code runs/log-inputs}, in the file store in MLflow's file-store layout.
     */
    void logInputs(String runId, List<RunRecord.FileHash> inputs);

    /** Stores {@code file} as the artifact at {@code artifactPath} (a checked relative path). */
    void uploadArtifact(String runId, Path file, String artifactPath);

    /**
     * The latest value of each metric of a run, to log onto it without repeating values.
     *
     * @return empty when the backend has no active run with this id (never created there, or deleted)
     */
    Optional<Map<String, Double>> latestMetrics(String runId);

    /** The experiment of a run, or empty when the backend has no run with this id. */
    Optional<String> experimentOf(String runId);

    /** Sets (or replaces) a tag of an experiment. */
    void setExperimentTag(String experimentId, String key, String value);

    /** Sets the terminal status and end time of a run. */
    void endRun(String runId, RunStatus status, long endTime);

    /** Releases connections. */
    @Override
    void close();
}
