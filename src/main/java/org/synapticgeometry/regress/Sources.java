package org.synapticgeometry.regress;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Where baselines and reproductions come from: a file or folder, or {@code mlflow:<run id>} (a workflow's
 * parent run in the tracking store that {@code MLFLOW_TRACKING_URI} names).
 */
public final class Sources {
    /** The prefix of a tracked run. */
    public static final String MLFLOW = "mlflow:";

    private Sources() {
    }

    /**
     * A baseline: a file written by {@code sgeo regress update}, or the bands of a tracked reproduction.
     *
     * @param env the environment ({@code MLFLOW_TRACKING_URI} names the store of {@code mlflow:} sources)
     * @throws IllegalArgumentException if it cannot be read (naming it)
     */
    public static Baseline baseline(String spec, Map<String, String> env) {
        if (spec.startsWith(MLFLOW)) {
            return Baseline.of(TrackedResults.read(spec.substring(MLFLOW.length()), env), null, Instant.now());
        }
        return Baseline.read(Path.of(spec));
    }

    /**
     * A reproduction: a results folder or a tracked parent run.
     *
     * @param env the environment ({@code MLFLOW_TRACKING_URI} names the store of {@code mlflow:} sources)
     * @throws IllegalArgumentException if it cannot be read (naming it)
     */
    public static Results results(String spec, Map<String, String> env) {
        if (spec.startsWith(MLFLOW)) {
            return TrackedResults.read(spec.substring(MLFLOW.length()), env);
        }
        return ResultsFolder.read(Path.of(spec));
    }
}
