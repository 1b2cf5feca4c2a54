package org.synapticgeometry.stage.report;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synapticgeometry.stage.StageOptions;

/**
 * Settings of one {@code sgeo report}.
 *
 * @param scores folders written by {@code sgeo score}
 * @param extras folders searched for linreg.csv and train.json
 * @param pairs manifests of snapshot pairs for the Δ-histogram and |w| figures
 * @param out the report folder
 */
public record ReportOptions(List<Path> scores, List<Path> extras, List<Path> pairs, Path out) implements StageOptions {

    /** Copies the lists; requires at least one score folder. */
    public ReportOptions {
        scores = List.copyOf(scores);
        extras = List.copyOf(extras);
        pairs = List.copyOf(pairs);
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("--scores must name at least one folder written by sgeo score");
        }
    }

    @Override
    public Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("scores", scores.toString());
        p.put("extras", extras.toString());
        p.put("pairs", pairs.toString());
        return p;
    }
}
