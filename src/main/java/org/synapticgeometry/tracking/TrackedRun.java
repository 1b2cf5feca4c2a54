package org.synapticgeometry.tracking;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One tracked run (an MLflow run): params, tags, metrics with steps, artifacts, and a terminal
 * status. Closing a run that was not ended marks it FINISHED.
 */
public interface TrackedRun extends AutoCloseable {

    /** The backend's id of this run. */
    String runId();

    /** Logs parameters (write-once: a key logged again must keep its value). */
    void logParams(Map<String, String> params);

    /** Sets tags. */
    void setTags(Map<String, String> tags);

    /**
     * Sends what is buffered now. Records are buffered and go out in log-batch requests (when a request's
     * worth has gathered, two seconds after the last request, and at the end); call this where a reader
     * should see everything so far, e.g. after an epoch.
     */
    void flush();

    /** Logs one metric value at a step (e.g. epoch). */
    void logMetric(String key, double value, long step);

    /** Logs several metrics at one step. */
    default void logMetrics(Map<String, Double> metrics, long step) {
        metrics.forEach((k, v) -> logMetric(k, v, step));
    }

    /**
     * Uploads a file or folder as an artifact under {@code artifactDir} ("" for the root); as in MLflow's
     * {@code log_artifacts}, a folder's content goes under {@code artifactDir} (the folder's own name is not
     * kept: log {@code plots/} with {@code artifactDir = "plots"}). A path that does not exist is
     * skipped with a warning. Each file's SHA-256 goes into the provenance record's outputs.
     *
     * @throws IllegalArgumentException when {@code artifactDir} is absolute, contains {@code ..} or {@code \}
     */
    void logArtifact(Path fileOrDir, String artifactDir);

    /**
     * Records an input file of the stage (its SHA-256 goes into the provenance record).
     *
     * @return the file's SHA-256 (hex), for callers that keep it elsewhere too
     */
    String recordInput(Path file);

    /**
     * Starts a child run of this one (tag {@code mlflow.parentRunId}) in the same experiment and store, with
     * the standard tags, {@code params} and {@code tags}; it writes no {@code run.json}. The caller ends it.
     */
    TrackedRun startChild(String runName, Map<String, String> params, Map<String, String> tags);

    /**
     * Logs single values (step 0) and tags onto another existing run of the same store, e.g. the run that
     * produced the weights this run scored. Values the other run already holds as its latest value are not
     * sent again, so a repeated call adds no duplicate points.
     *
     * @return empty when logged; otherwise why not (the other run does not exist, being deleted or in another
     *     store; the server cannot be reached or refuses the records), for the caller to warn and keep the
     *     values elsewhere
     */
    Optional<String> logOnto(String otherRunId, Map<String, Double> metrics, Map<String, String> tags);

    /**
     * Ends the run with a status (sends what is buffered, writes {@code run.json}); later calls are ignored.
     * The run never stays RUNNING: when sending or writing {@code run.json} fails, it ends FAILED (or the
     * given non-FINISHED status) and the error is rethrown.
     */
    void end(RunStatus status);

    /** Ends the run as FINISHED unless it already ended. */
    @Override
    void close();
}
