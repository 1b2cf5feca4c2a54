package org.synapticgeometry.regress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Checks a reproduction against a baseline: every baseline figure must be present with as many runs as the
 * baseline had, and no figure may be new, else the inputs do not match (another experiment, missing results:
 * {@link IllegalArgumentException} naming the cells); then each figure is inside or outside its band. Runs
 * the score stage listed as failed count as moved figures (not identified, not finite), not as missing ones.
 */
public final class RegressionCheck {
    private static final int NAMED = 3;

    private RegressionCheck() {
    }

    /**
     * Checks {@code results} against {@code baseline}.
     *
     * @param baselineSource the baseline's file or run, for messages
     * @throws IllegalArgumentException when the results are of another experiment, lack a baseline figure or
     *     runs of one, or hold figures the baseline lacks (naming the cells)
     */
    public static CheckOutcome check(String baselineSource, Baseline baseline, Results results) {
        checkExperiment(baselineSource, baseline, results);
        SortedMap<Cell, Band> bands = baseline.bands();
        List<String> mismatches = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        bands.forEach((cell, band) -> {
            List<Double> values = results.figures().getOrDefault(cell, List.of());
            List<String> failed = results.failedRuns().getOrDefault(Results.runGroup(cell.architecture(), cell.trained()),
                    List.of());
            if (values.size() > band.seeds() || values.size() < band.seeds() && failed.isEmpty()) {
                mismatches.add(cell.name() + " (" + values.size() + " of " + band.seeds() + " runs)");
            } else {
                verdicts.add(verdict(cell, band, values, failed, results.identifiedAs().get(cell)));
            }
        });
        results.figures().forEach((cell, values) -> {
            if (!bands.containsKey(cell)) {
                mismatches.add(cell.name() + " (not in the baseline)");
            }
        });
        if (!mismatches.isEmpty()) {
            throw new IllegalArgumentException("--results " + results.source() + " do not match --baseline "
                    + baselineSource + " in " + mismatches.size() + " figure(s): "
                    + String.join("; ", mismatches.subList(0, Math.min(NAMED, mismatches.size())))
                    + (mismatches.size() > NAMED ? "; ..." : "")
                    + "; rerun the missing runs, or give the baseline of this experiment (sgeo regress update)");
        }
        return new CheckOutcome(baselineSource, baseline, results, verdicts,
                ParamChange.between(baseline.params(), results.provenance().params()));
    }

    private static void checkExperiment(String baselineSource, Baseline baseline, Results results) {
        List<String> found = results.provenance().experiments();
        if (found.size() > 1) {
            throw new IllegalArgumentException("--results " + results.source() + " mix runs of experiments "
                    + String.join(", ", found) + "; give the outdir of one reproduction");
        }
        if (baseline.experiment() != null && found.size() == 1 && !baseline.experiment().equals(found.get(0))) {
            throw new IllegalArgumentException("--baseline " + baselineSource + " is of experiment '"
                    + baseline.experiment() + "', --results " + results.source() + " of '" + found.get(0)
                    + "'; give the baseline of '" + found.get(0) + "' or make one with sgeo regress update");
        }
    }

    private static Verdict verdict(Cell cell, Band band, List<Double> values, List<String> failed,
            Map<String, Integer> identifiedAs) {
        int missing = band.seeds() - values.size();
        String note = missing > 0 ? missing + " run(s) failed to score (" + failed.get(0) + ")" : "";
        double value;
        if (band.isCount()) {
            value = values.stream().mapToDouble(Double::doubleValue).sum();
            note = join(misidentified(cell, identifiedAs), note);
        } else {
            long bad = values.stream().filter(v -> !Double.isFinite(v)).count();
            value = missing > 0 || bad > 0 ? Double.NaN : Band.mean(values);
            if (bad > 0) {
                note = join(bad + " of " + band.seeds() + " runs not finite", note);
            }
        }
        boolean inside = Double.isFinite(value) && band.admits(value);
        double change = value - band.centre();
        return new Verdict(cell, band, value, band.seeds(), inside, change, band.severity(value), note);
    }

    /** "identified as 2.5-norm ×2, 2-norm ×1" for the runs identified as another candidate, else empty. */
    private static String misidentified(Cell cell, Map<String, Integer> identifiedAs) {
        if (identifiedAs == null) {
            return "";
        }
        List<String> others = new ArrayList<>();
        identifiedAs.forEach((as, n) -> {
            if (!as.equals(cell.trained())) {
                others.add(as + " ×" + n);
            }
        });
        return others.isEmpty() ? "" : "identified as " + String.join(", ", others);
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }
}
