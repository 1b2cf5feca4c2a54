package org.synapticgeometry.optim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How a {@link LearningRateSearch} picks the rate of one search over its grid. A diverged trial is
 * never chosen by any rule.
 * <ul>
 *   <li>{@link #LOWEST_LOSS} (the paper's rule): every rate is trained, in grid order; the lowest
 *       final loss wins (ties: the earlier rate of the grid).</li>
 *   <li>{@link #SMALLEST_FITTING} (the lazy regime): rates are trained from the smallest up and the
 *       first that meets the success criterion (fine-tuning: 100% training accuracy) wins, so larger
 *       rates are not trained at all. The theory identifies the geometry only while the weights move
 *       little relative to their initial values; among the rates that fit the data the smallest moves
 *       them least. When no rate of the search fits, the rule falls back to the lowest final loss of
 *       that search (the search is then retried with more epochs as usual, and the final result says
 *       that the criterion was not met).</li>
 * </ul>
 */
public enum LearningRateRule {
    /** The lowest final loss among finite runs (Pogodin et al.'s code). */
    LOWEST_LOSS("lowest-loss"),
    /** The smallest rate that meets the criterion; lowest loss when none does. */
    SMALLEST_FITTING("smallest-fitting");

    private final String cliName;

    LearningRateRule(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line, in parameters and in train.json. */
    public String cliName() {
        return cliName;
    }

    /**
     * The rule named {@code name} ({@code lowest-loss} or {@code smallest-fitting}).
     *
     * @throws IllegalArgumentException naming the valid rules
     */
    public static LearningRateRule parse(String name) {
        for (LearningRateRule r : values()) {
            if (r.cliName.equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown learning-rate rule '" + name + "'; valid rules: "
                + String.join(", ", List.of(LOWEST_LOSS.cliName, SMALLEST_FITTING.cliName)));
    }

    /** The order in which the rates of the grid are trained. */
    List<Double> order(List<Double> grid) {
        if (this == LOWEST_LOSS) {
            return grid;
        }
        List<Double> sorted = new ArrayList<>(grid);
        sorted.sort(Comparator.naturalOrder());
        return sorted;
    }

    /** Whether the search may skip the rest of the grid after this trial. */
    boolean stopsAfter(LearningRateSearch.Trial trial) {
        return this == SMALLEST_FITTING && trial.outcome().success();
    }

    /** The chosen trial of one search, given its trials in training order; empty when all diverged. */
    Optional<LearningRateSearch.Trial> choose(List<LearningRateSearch.Trial> search) {
        if (this == SMALLEST_FITTING) {
            Optional<LearningRateSearch.Trial> fitting = search.stream().filter(t -> t.outcome().success()).findFirst();
            if (fitting.isPresent()) {
                return fitting;
            }
        }
        LearningRateSearch.Trial best = null;
        for (LearningRateSearch.Trial t : search) {
            if (!t.outcome().diverged() && (best == null || t.finalLoss() < best.finalLoss())) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }
}
