package org.synapticgeometry.regress;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.synapticgeometry.files.Json;

/**
 * The headline figures of a reference reproduction with their bands ({@link Band}), the experiment they
 * belong to and the provenance of the run that made them. Written by {@code sgeo regress update}; a check
 * compares a reproduction of the same experiment with it.
 *
 * @param format {@link #FORMAT}
 * @param experiment the MLflow experiment of the reference run (null when its runs named none)
 * @param provenance where the figures came from
 * @param params the reference run's science params ({@link RunProvenance#params})
 * @param toleranceRule how the bands were derived, in words
 * @param figures every figure with its band, sorted by cell
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Baseline(String format, String experiment, Provenance provenance, SortedMap<String, String> params,
        String toleranceRule, List<Figure> figures) {
    /** The format this version writes and reads. */
    public static final String FORMAT = "sgeo-regress-baseline/1";
    static final String TOLERANCE_RULE = "mean over m seeds ± (4·s·√(2/m) + ε), s the seed sd of the reference run"
            + " (with fewer than 5 seeds: at least the pooled sd of the figures of the same kind, architecture and"
            + " size), ε = 0.002 for ΔCDF and 0.01 for accuracies; identification may lose at most ⌈2·√(m·p·(1−p))⌉"
            + " correct runs (p clipped to [1/m, 1−1/m]) and must keep a majority it had";

    /**
     * Where a baseline came from.
     *
     * @param commit git commit(s) of the code of the reference run, comma-separated if several
     * @param build the sgeo build id that wrote the baseline
     * @param paramsDigest {@link RunProvenance#paramsDigest} of the reference run
     * @param results the folder or run the figures were read from
     * @param madeAt when the baseline was written (ISO-8601 UTC)
     * @param stageRuns stage runs of the reference run
     */
    public record Provenance(String commit, String build, String paramsDigest, String results, String madeAt,
            int stageRuns) {
    }

    /**
     * One figure and its band.
     *
     * @param name {@link Cell#name()} (for people reading the file; the cell is what counts)
     * @param cell what the figure is about
     * @param band its band
     */
    public record Figure(String name, Cell cell, Band band) {
    }

    /** Copies the collections. */
    public Baseline {
        params = params == null ? new TreeMap<>() : new TreeMap<>(params);
        figures = List.copyOf(figures);
    }

    /**
     * The baseline of a reproduction.
     *
     * @param build the id of the sgeo build writing it
     * @throws IllegalArgumentException if a run failed or a figure is not finite (a baseline must be healthy)
     */
    public static Baseline of(Results results, String build, Instant now) {
        if (!results.failedRuns().isEmpty()) {
            Map.Entry<String, List<String>> f = results.failedRuns().entrySet().iterator().next();
            throw new IllegalArgumentException("--results " + results.source() + ": runs failed to score ("
                    + f.getKey() + ": " + f.getValue().get(0) + "); a baseline needs a reproduction without failures");
        }
        Map<String, Double> groupSd = groupSds(results);
        List<Figure> figures = new ArrayList<>();
        results.figures().forEach((cell, values) -> figures.add(new Figure(cell.name(), cell,
                band(cell, values, groupSd.getOrDefault(group(cell), 0.0)))));
        RunProvenance p = results.provenance();
        Provenance prov = new Provenance(p.commits().isEmpty() ? null : String.join(",", p.commits()), build,
                p.paramsDigest(), results.source(), now.toString(), p.stageRuns());
        return new Baseline(FORMAT, p.experiment(), prov, p.params(), TOLERANCE_RULE, figures);
    }

    /** The group whose sds are pooled: same kind, architecture and size. */
    private static String group(Cell c) {
        return c.kind().key() + " " + c.architecture() + " " + c.size();
    }

    /** Per group, the root-mean-square of the seed sds of its mean figures (finite values only). */
    private static Map<String, Double> groupSds(Results results) {
        Map<String, double[]> sums = new TreeMap<>();
        results.figures().forEach((cell, values) -> {
            if (cell.kind() != FigureKind.IDENTIFICATION && values.stream().allMatch(Double::isFinite)) {
                double s = Band.sampleSd(values);
                double[] acc = sums.computeIfAbsent(group(cell), k -> new double[2]);
                acc[0] += s * s;
                acc[1]++;
            }
        });
        Map<String, Double> out = new TreeMap<>();
        sums.forEach((g, acc) -> out.put(g, Math.sqrt(acc[0] / acc[1])));
        return out;
    }

    private static Band band(Cell cell, List<Double> values, double groupSd) {
        if (cell.kind() == FigureKind.IDENTIFICATION) {
            return Band.ofIdentification(values);
        }
        long bad = values.stream().filter(v -> !Double.isFinite(v)).count();
        if (bad > 0) {
            throw new IllegalArgumentException(cell.name() + " is not finite in " + bad + " of " + values.size()
                    + " runs; a baseline needs a reproduction whose every figure is finite");
        }
        return Band.ofMean(values, cell.kind().absoluteTolerance(), groupSd);
    }

    /**
     * Reads a baseline file.
     *
     * @throws IllegalArgumentException if it is missing, not JSON, of another format or malformed
     */
    public static Baseline read(Path file) {
        JsonNode tree = Json.readTree(file, "--baseline");
        if (!tree.has("format") && tree.has("tolerance_rule") && tree.has("delta_cdf")) {
            throw new IllegalArgumentException("--baseline " + file + " is in the old ci/regression_check.py format;"
                    + " write a new one with: sgeo regress update --results <smoke outdir> --out " + file);
        }
        if (!FORMAT.equals(tree.path("format").asText())) {
            throw new IllegalArgumentException("--baseline " + file + " must have format \"" + FORMAT + "\", found "
                    + tree.path("format") + "; write it with sgeo regress update");
        }
        Baseline b = Json.read(file, Baseline.class, "baseline");
        if (b.figures().isEmpty()) {
            throw new IllegalArgumentException("--baseline " + file + " has no figures; write it with sgeo regress"
                    + " update from a finished reproduction");
        }
        return b;
    }

    /** Writes the baseline atomically. */
    public void write(Path file) {
        Json.write(file, this);
    }

    /** The figures by cell. */
    public SortedMap<Cell, Band> bands() {
        SortedMap<Cell, Band> m = new TreeMap<>();
        figures.forEach(f -> m.put(f.cell(), f.band()));
        return m;
    }
}
