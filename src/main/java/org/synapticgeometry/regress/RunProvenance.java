package org.synapticgeometry.regress;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where a reproduction's figures came from, gathered from the {@code run.json} of its stage runs.
 *
 * @param experiments the MLflow experiment names of the stage runs (one for a workflow run)
 * @param commits the git commits of the code that ran
 * @param params every stage parameter that describes the science, keyed {@code <stage>.<name>}; a parameter
 *     with several values across runs (seeds, potentials) lists them sorted, comma-separated
 * @param stageRuns number of stage runs found
 * @param wallSeconds from the first stage start to the last stage end (NaN without times)
 * @param stageSeconds sum of the stage runs' durations (NaN without times)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RunProvenance(List<String> experiments, List<String> commits,
        SortedMap<String, String> params, int stageRuns, double wallSeconds, double stageSeconds) {
    private static final int DIGEST_HEX = 16;

    /** Copies the collections. */
    public RunProvenance {
        experiments = List.copyOf(experiments);
        commits = List.copyOf(commits);
        params = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    /** The one experiment, or null when the runs name none or several. */
    public String experiment() {
        return experiments.size() == 1 ? experiments.get(0) : null;
    }

    /** The first 16 hex digits of SHA-256 over the sorted {@code key=value} lines of {@link #params}. */
    public String paramsDigest() {
        return digest(params);
    }

    /** The digest {@link #paramsDigest} computes, for any params map. */
    static String digest(Map<String, String> params) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(params).forEach((k, v) -> sha.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest()).substring(0, DIGEST_HEX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
