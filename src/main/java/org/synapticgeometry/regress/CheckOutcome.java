package org.synapticgeometry.regress;

import java.util.Comparator;
import java.util.List;

/**
 * The result of checking a reproduction against a baseline.
 *
 * @param baselineSource the baseline file or run
 * @param baseline the baseline
 * @param results the reproduction
 * @param verdicts one per baseline figure, worst first (outside before inside, then by severity)
 * @param params science params that differ from the baseline's
 */
public record CheckOutcome(String baselineSource, Baseline baseline, Results results, List<Verdict> verdicts,
        List<ParamChange> params) {
    static final Comparator<Verdict> WORST_FIRST = Comparator.comparing((Verdict v) -> v.inside())
            .thenComparing(Verdict::severity, Comparator.reverseOrder())
            .thenComparing(Verdict::cell);

    /** Sorts the verdicts worst first. */
    public CheckOutcome {
        verdicts = verdicts.stream().sorted(WORST_FIRST).toList();
        params = List.copyOf(params);
    }

    /** True when every figure is inside its band. */
    public boolean passed() {
        return verdicts.stream().allMatch(Verdict::inside);
    }

    /** The figures outside their band, worst first. */
    public List<Verdict> outside() {
        return verdicts.stream().filter(v -> !v.inside()).toList();
    }

    /** The figures inside their band whose value moved, worst first. */
    public List<Verdict> movedInside() {
        return verdicts.stream().filter(v -> v.inside() && v.moved()).toList();
    }

    /** Number of figures identical to the baseline's. */
    public long unchanged() {
        return verdicts.stream().filter(v -> !v.moved()).count();
    }
}
