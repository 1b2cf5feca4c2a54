package org.synapticgeometry.optim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a {@link LearningRateSearch} picks the rate of one search over its grid. A diverged trial is
 * never chosen by any rule.
 * <ul>
 *   <li>{@link #LOWEST_LOSS} ({@code lowest-loss}, the paper's rule): every rate is trained, in grid
 *       order; the lowest final loss wins (ties: the earlier rate of the grid).</li>
 *   <li>{@link #SMALLEST_FITTING} ({@code smallest-fitting}): rates are trained from the smallest up
 *       and the first that meets the success criterion (fine-tuning: 100% training accuracy) wins,
 *       so larger rates are not trained at all. The theory identifies the geometry only while the
 *       weights move little relative to their initial values; among the rates that fit the data the
 *       smallest moves them least. When no rate of the search fits, the rule falls back to the lowest
 *       final loss of that search (the search is then retried with more epochs as usual, and the
 *       result says that the criterion was not met).</li>
 *   <li>{@link #boundedChange(double) bounded-change:B}: the lazy regime stated directly: rates are
 *       trained from the smallest up until one moves the weights by more than B (the largest
 *       relative change ‖w_T − w₀‖/‖w₀‖ of any layer, as the trainer reports it; the rule assumes the
 *       change grows with the rate); the lowest final loss among the trials within the bound wins,
 *       or, when none is within it, the trial that moved the weights least.</li>
 * </ul>
 * Immutable.
 */
public final class LearningRateRule {
    /** The lowest final loss among finite runs (Pogodin et al.'s code). */
    public static final LearningRateRule LOWEST_LOSS = new LearningRateRule(Kind.LOWEST_LOSS, Double.NaN);
    /** The smallest rate that meets the criterion; lowest loss when none does. */
    public static final LearningRateRule SMALLEST_FITTING = new LearningRateRule(Kind.SMALLEST_FITTING, Double.NaN);
    private static final String BOUNDED = "bounded-change:";

    private enum Kind { LOWEST_LOSS, SMALLEST_FITTING, BOUNDED_CHANGE }

    private final Kind kind;
    private final double bound;

    private LearningRateRule(Kind kind, double bound) {
        this.kind = kind;
        this.bound = bound;
    }

    /**
     * The lowest loss among trials whose largest relative change is at most {@code bound}.
     *
     * @throws IllegalArgumentException unless bound is finite and &gt; 0
     */
    public static LearningRateRule boundedChange(double bound) {
        if (!(bound > 0) || Double.isInfinite(bound)) {
            throw new IllegalArgumentException("the relative-change bound must be finite and > 0, found " + bound);
        }
        return new LearningRateRule(Kind.BOUNDED_CHANGE, bound);
    }

    /** The name used on the command line, in parameters and in train.json. */
    public String cliName() {
        return switch (kind) {
            case LOWEST_LOSS -> "lowest-loss";
            case SMALLEST_FITTING -> "smallest-fitting";
            case BOUNDED_CHANGE -> BOUNDED + String.format(Locale.ROOT, "%s", bound);
        };
    }

    /**
     * The rule named {@code name}: {@code lowest-loss}, {@code smallest-fitting} or
     * {@code bounded-change:B} (B &gt; 0, e.g. 0.2).
     *
     * @throws IllegalArgumentException naming the valid rules
     */
    public static LearningRateRule parse(String name) {
        if (LOWEST_LOSS.cliName().equals(name)) {
            return LOWEST_LOSS;
        }
        if (SMALLEST_FITTING.cliName().equals(name)) {
            return SMALLEST_FITTING;
        }
        if (name != null && name.startsWith(BOUNDED)) {
            try {
                return boundedChange(Double.parseDouble(name.substring(BOUNDED.length())));
            } catch (IllegalArgumentException e) {
                // falls through to the message naming the valid forms
            }
        }
        throw new IllegalArgumentException("unknown learning-rate rule '" + name
                + "'; valid rules: lowest-loss, smallest-fitting, bounded-change:B (B > 0, e.g. bounded-change:0.2)");
    }

    /** The order in which the rates of the grid are trained. */
    List<Double> order(List<Double> grid) {
        if (kind == Kind.LOWEST_LOSS) {
            return grid;
        }
        List<Double> sorted = new ArrayList<>(grid);
        sorted.sort(Comparator.naturalOrder());
        return sorted;
    }

    /**
     * Whether the rule may skip the rest of a grid: then which rates are trained depends on the
     * outcomes before them, so its trials run one at a time.
     */
    public boolean mayStopEarly() {
        return kind != Kind.LOWEST_LOSS;
    }

    /** Whether the search may skip the rest of the grid after this trial. */
    boolean stopsAfter(LearningRateSearch.Trial trial) {
        LearningRateSearch.Outcome o = trial.outcome();
        return switch (kind) {
            case LOWEST_LOSS -> false;
            case SMALLEST_FITTING -> o.success();
            case BOUNDED_CHANGE -> !o.diverged() && !(o.relativeChange() <= bound);
        };
    }

    /** The chosen trial of one search, given its trials in training order; empty when all diverged. */
    Optional<LearningRateSearch.Trial> choose(List<LearningRateSearch.Trial> search) {
        List<LearningRateSearch.Trial> finite = search.stream().filter(t -> !t.outcome().diverged()).toList();
        if (kind == Kind.SMALLEST_FITTING) {
            Optional<LearningRateSearch.Trial> fitting = finite.stream().filter(t -> t.outcome().success()).findFirst();
            if (fitting.isPresent()) {
                return fitting;
            }
        }
        if (kind == Kind.BOUNDED_CHANGE) {
            List<LearningRateSearch.Trial> within = finite.stream().filter(t -> t.outcome().relativeChange() <= bound)
                    .toList();
            if (within.isEmpty()) {
                return finite.stream().min(Comparator.comparingDouble(t -> t.outcome().relativeChange()));
            }
            return lowestLoss(within);
        }
        return lowestLoss(finite);
    }

    private static Optional<LearningRateSearch.Trial> lowestLoss(List<LearningRateSearch.Trial> trials) {
        LearningRateSearch.Trial best = null;
        for (LearningRateSearch.Trial t : trials) {
            if (best == null || t.finalLoss() < best.finalLoss()) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearningRateRule r && r.kind == kind && Double.compare(r.bound, bound) == 0;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Double.hashCode(bound);
    }

    @Override
    public String toString() {
        return cliName();
    }
}
