package org.synapticgeometry.stage.fitsizes;

import org.synapticgeometry.stage.StageOptions;
import org.synapticgeometry.synapse.Candidate;
import org.synapticgeometry.synapse.SizeFitter;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of one {@code sgeo fit-sizes} run. Three modes: one sample of sizes (optionally split by
 * a group column); two unpaired samples, before ({@code sizes}) and after ({@code after}), fitted
 * jointly; paired sizes, two columns of one table ({@code column} before, {@code afterColumn} after),
 * scored by the dual change's ΔCDF. Immutable; every field is logged as a run parameter.
 *
 * @param sizes the size table (CSV)
 * @param column the size column (the before column for paired data); null for a one-column table
 * @param groupColumn a label column splitting the sizes into groups fitted separately, or null
 * @param after a second table of sizes after learning (unpaired), or null
 * @param afterColumn the column of sizes after learning in {@code sizes} (paired), or null
 * @param out the output folder
 * @param candidates candidate geometries; null for the mode's default
 * @param states number of initial states K (1 or 2)
 * @param starts quantile starts per candidate
 * @param bootstrap bootstrap resamples (0 for Wald intervals only)
 * @param seed root seed of the bootstrap
 */
public record FitSizesOptions(Path sizes, String column, String groupColumn, Path after, String afterColumn, Path out,
        List<Candidate> candidates, int states, int starts, int bootstrap, long seed) implements StageOptions {

    /** How the sizes are analysed. */
    public enum Mode {
        /** One sample per group, each candidate's mixture model fitted by maximum likelihood. */
        SINGLE,
        /** Before and after samples of different synapses, fitted jointly. */
        UNPAIRED,
        /** Before and after sizes of the same synapses, scored by ΔCDF. */
        PAIRED
    }

    /**
     * Validates the combination of options.
     *
     * @throws IllegalArgumentException naming the conflicting options and the fix
     */
    public FitSizesOptions {
        if (sizes == null || out == null) {
            throw new IllegalArgumentException("--sizes and --out are required");
        }
        if (after != null && afterColumn != null) {
            throw new IllegalArgumentException("--after (unpaired samples) and --after-column (paired sizes) exclude"
                    + " each other; give one");
        }
        if (groupColumn != null && (after != null || afterColumn != null)) {
            throw new IllegalArgumentException("--group-column works with one sample only; without --after and"
                    + " --after-column, or run once per group");
        }
        if (afterColumn != null && column == null) {
            throw new IllegalArgumentException("--after-column needs --column naming the sizes before learning");
        }
        if (afterColumn != null && candidates != null && candidates.stream().anyMatch(Candidate::freeBeta)) {
            throw new IllegalArgumentException("paired sizes are scored without fitting: give hypentropy a fixed"
                    + " beta, e.g. hypentropy:0.1");
        }
        if (bootstrap < 0) {
            throw new IllegalArgumentException("--bootstrap must be >= 0, found " + bootstrap);
        }
        SizeFitter.of(states, starts);
        candidates = candidates == null ? null : List.copyOf(candidates);
    }

    /** The analysis mode implied by the options. */
    public Mode mode() {
        if (afterColumn != null) {
            return Mode.PAIRED;
        }
        return after != null ? Mode.UNPAIRED : Mode.SINGLE;
    }

    /** The candidates to use: as given, else the default of the mode (paired: no fitted β). */
    public List<Candidate> effectiveCandidates() {
        if (candidates != null) {
            return candidates;
        }
        List<Candidate> d = Candidate.defaults();
        return mode() == Mode.PAIRED ? d.stream().filter(c -> !c.freeBeta()).toList() : d;
    }

    private static String orEmpty(Object value) {
        return value == null ? "" : value.toString();
    }

    /** Every setting as text, for run parameters and fit.json; an option not given is "". */
    @Override
    public Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sizes", sizes.toString());
        p.put("column", orEmpty(column));
        p.put("group_column", orEmpty(groupColumn));
        p.put("after", orEmpty(after));
        p.put("after_column", orEmpty(afterColumn));
        p.put("out", out.toString());
        p.put("mode", mode().name().toLowerCase(Locale.ROOT));
        p.put("candidates", String.join(",", effectiveCandidates().stream().map(Candidate::name).toList()));
        p.put("states", Integer.toString(states));
        p.put("starts", Integer.toString(starts));
        p.put("bootstrap", Integer.toString(bootstrap));
        p.put("seed", Long.toString(seed));
        return p;
    }
}
