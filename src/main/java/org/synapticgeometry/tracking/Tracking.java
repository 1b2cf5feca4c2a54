package org.synapticgeometry.tracking;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Entry point for stages: starts a tracked run for one stage invocation, choosing the backend
 * from the environment ({@code MLFLOW_TRACKING_URI}; experiment from {@code SGEO_EXPERIMENT}, parent
 * run from {@code SGEO_PARENT_RUN_ID}).
 *
 * <p>Placeholder until the tracking backends land: runs are accepted and discarded.
 */
public final class Tracking {
    private Tracking() {
    }

    /**
     * Starts the run of one stage writing into {@code outDir}; tags name the stage and whatever the
     * stage adds (potential, architecture, seed). The run also writes {@code outDir/run.json}, the
     * provenance record, when it ends.
     */
    public static TrackedRun startStage(String stage, Path outDir, Map<String, String> params,
            Map<String, String> tags) {
        return new TrackedRun() {
            private final String id = UUID.randomUUID().toString().replace("-", "");

            @Override
            public String runId() {
                return id;
            }

            @Override
            public void logParams(Map<String, String> p) {
            }

            @Override
            public void setTags(Map<String, String> t) {
            }

            @Override
            public void logMetric(String key, double value, long step) {
            }

            @Override
            public void logArtifact(Path fileOrDir, String artifactDir) {
            }

            @Override
            public void recordInput(Path file) {
            }

            @Override
            public void end(RunStatus status) {
            }

            @Override
            public void close() {
            }
        };
    }
}
