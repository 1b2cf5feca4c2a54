package org.synapticgeometry.tracking;

import java.nio.file.Path;
import org.synapticgeometry.files.Json;

/**
 * A file a run read, as an MLflow dataset input: name = file name, digest = the first 32 hex characters of its
 * SHA-256 (MLflow keeps at most 36), source type {@code local}, source {@code {"uri": "file:///..."}}, profile
 * {@code {"bytes": n, "sha256": "..."}}, context tag {@code mlflow.data.context = input}. The server gets it
 * through {@code runs/log-inputs}, the file store in MLflow's own file-store layout.
 *
 * @param name the dataset name
 * @param digest the dataset digest
 * @param source the source JSON
 * @param profile the profile JSON
 */
record DatasetInput(String name, String digest, String source, String profile) {
    /** The source type of every input. */
    static final String SOURCE_TYPE = "local";
    /** The input tag naming the role of the data. */
    static final String CONTEXT_TAG = "mlflow.data.context";
    /** Its value. */
    static final String CONTEXT = "input";
    private static final int DIGEST = 32;

    /** The dataset of a recorded input file. */
    static DatasetInput of(RunRecord.FileHash f) {
        Path path = Path.of(f.path());
        return new DatasetInput(path.getFileName().toString(), f.sha256().substring(0, Math.min(DIGEST, f.sha256().length())),
                Json.mapper().createObjectNode().put("uri", path.toAbsolutePath().toUri().toString()).toString(),
                Json.mapper().createObjectNode().put("bytes", f.bytes()).put("sha256", f.sha256()).toString());
    }
}
