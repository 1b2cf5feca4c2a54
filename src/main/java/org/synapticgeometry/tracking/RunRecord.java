package org.synapticgeometry.tracking;

import org.synapticgeometry.files.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.synapticgeometry.files.AtomicFiles;

/**
 * The provenance record of one stage run, written as {@code run.json} beside the stage's outputs
 * and logged to MLflow as an artifact. It is the source of truth; MLflow holds a copy.
 *
 * @param format format version of this record
 * @param runId MLflow run id
 * @param experiment experiment name
 * @param stage stage name
 * @param status FINISHED, FAILED or KILLED
 * @param startTime ISO-8601 UTC
 * @param endTime ISO-8601 UTC
 * @param gitCommit commit of the code (with -dirty) or unknown
 * @param versions tool, DJL, libtorch and Java versions
 * @param platform OS, CPU architecture and cores
 * @param device the compute device the stage reported (param or tag {@code device}), or "not recorded"
 * @param seeds every param or tag whose key names a seed
 * @param params all params
 * @param tags all tags
 * @param inputs input files with SHA-256
 * @param outputs logged artifacts with SHA-256
 * @param tracking backend kind, its URI (no credentials), where records were spooled (if they were), and the
 *        logging overhead so far: records sent (params, tags, metric points, artifacts) and seconds spent in
 *        tracking calls and hashing
 */
public record RunRecord(int format, String runId, String experiment, String stage, String status, String startTime,
        String endTime, String gitCommit, Map<String, String> versions, Map<String, String> platform, String device,
        Map<String, String> seeds, Map<String, String> params, Map<String, String> tags, List<FileHash> inputs,
        List<FileHash> outputs, Map<String, String> tracking) {

    /** Current {@link #format()}. */
    public static final int FORMAT = 1;

    /**
     * A hashed file.
     *
     * @param path the file as given (inputs) or its artifact path (outputs)
     * @param sha256 SHA-256 of the content, lower-case hex
     * @param bytes size in bytes
     */
    public record FileHash(String path, String sha256, long bytes) {
    }

    /** Writes this record as pretty JSON atomically. */
    public void write(Path file) {
        Json.write(file, this);
    }

    /** Reads a record written by {@link #write(Path)}. */
    public static RunRecord read(Path file) {
        return Json.read(file, RunRecord.class, "run.json");
    }
}
