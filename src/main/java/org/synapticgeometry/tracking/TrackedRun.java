package org.synapticgeometry.tracking;

import java.nio.file.Path;
import java.util.Map;

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

    /** Records an input file of the stage (its SHA-256 goes into the provenance record). */
    void recordInput(Path file);

    /** Ends the run with a status; later calls are ignored. */
    void end(RunStatus status);

    /** Ends the run as FINISHED unless it already ended. */
    @Override
    void close();
}
