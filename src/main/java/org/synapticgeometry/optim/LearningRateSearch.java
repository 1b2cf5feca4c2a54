package org.synapticgeometry.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The learning-rate search of the paper's code, reusable by every stage: train once per rate of a
 * grid for a number of epochs; the chosen trial is picked by a {@link LearningRateRule} (by default
 * the paper's: the lowest final loss among runs that did not diverge; a diverged run never wins;
 * ties go to the earlier rate of the grid). If the chosen trial fails the stage's success criterion (linear regression: loss below 1e−3; fine-tuning: 100%
 * training accuracy), the whole grid is tried again with {@code extraEpochs} more epochs, up to
 * {@code maxAttempts} searches in all.
 *
 * <pre>{@code
 * LearningRateSearch.Result r = LearningRateSearch.of(LearningRateSearch.logGrid(1e-7, 1e-1, 16), 100, 100, 4)
 *         .run((lr, epochs) -> {
 *             double loss = trainAndReturnFinalLoss(lr, epochs);   // NaN/Inf when it diverged
 *             return LearningRateSearch.Outcome.of(loss, loss < 1e-3);
 *         });
 * if (r.best().isEmpty()) { ... every rate diverged: r.summary() says so ... }
 * double lr = r.best().get().learningRate(); int epochs = r.best().get().epochs();
 * }</pre>
 * Immutable and thread-safe; the trainer is called sequentially in grid order.
 */
public final class LearningRateSearch {
    private final List<Double> rates;
    private final int epochs;
    private final int extraEpochs;
    private final int maxAttempts;
    private final LearningRateRule rule;

    /**
     * What one training run reports: its final loss, whether it diverged, whether it met the
     * criterion, and how far it moved the weights (the largest relative change ‖w_T − w₀‖/‖w₀‖ of a
     * layer; NaN when the trainer does not measure it).
     */
    public record Outcome(double finalLoss, boolean diverged, boolean success, double relativeChange) {
        /** A non-finite loss is a divergence, and a diverged run is never a success. */
        public Outcome {
            diverged = diverged || !Double.isFinite(finalLoss);
            success = success && !diverged;
        }

        /** An outcome from the final loss; a non-finite loss means diverged (and never a success). */
        public static Outcome of(double finalLoss, boolean success) {
            return of(finalLoss, success, Double.NaN);
        }

        /** The same, with the run's largest relative change by layer. */
        public static Outcome of(double finalLoss, boolean success, double relativeChange) {
            return new Outcome(finalLoss, false, success, relativeChange);
        }
    }

    /** Trains one run with a learning rate for a number of epochs and reports its {@link Outcome}. */
    @FunctionalInterface
    public interface Trainer {
        /** Trains once; a run that blows up reports a non-finite loss rather than throwing. */
        Outcome train(double learningRate, int epochs);
    }

    /** One finished trial. */
    public record Trial(double learningRate, int epochs, int attempt, Outcome outcome) {
        /** The trial's final loss. */
        public double finalLoss() {
            return outcome.finalLoss();
        }
    }

    /**
     * The search's result: the chosen trial (empty when every rate of the last attempt diverged),
     * all trials in order, and whether the chosen trial met the success criterion.
     */
    public record Result(Optional<Trial> best, List<Trial> trials, int attempts) {
        /** Copies the trial list. */
        public Result {
            trials = List.copyOf(trials);
        }

        /** True when the chosen trial met the success criterion. */
        public boolean succeeded() {
            return best.map(t -> t.outcome().success()).orElse(false);
        }

        /** True when no trial of the last attempt stayed finite. */
        public boolean allDiverged() {
            return best.isEmpty();
        }

        /** One line for logs: the chosen rate and epochs, or that every rate diverged. */
        public String summary() {
            if (best.isEmpty()) {
                return "every learning rate diverged (" + trials.size() + " trials, " + attempts + " attempts)";
            }
            Trial t = best.get();
            return String.format(java.util.Locale.ROOT, "lr %.3g, %d epochs, final loss %.4g, %s after %d attempt(s)",
                    t.learningRate(), t.epochs(), t.finalLoss(), succeeded() ? "criterion met" : "criterion NOT met",
                    attempts);
        }
    }

    private LearningRateSearch(List<Double> rates, int epochs, int extraEpochs, int maxAttempts,
            LearningRateRule rule) {
        this.rates = rates;
        this.epochs = epochs;
        this.extraEpochs = extraEpochs;
        this.maxAttempts = maxAttempts;
        this.rule = rule;
    }

    /**
     * A search over {@code rates} starting at {@code epochs} epochs with the paper's rule (lowest loss).
     *
     * @throws IllegalArgumentException if the grid is empty or holds a rate that is not finite and
     *     &gt; 0, if epochs or maxAttempts &lt; 1, or extraEpochs &lt; 0
     */
    public static LearningRateSearch of(List<Double> rates, int epochs, int extraEpochs, int maxAttempts) {
        return of(rates, epochs, extraEpochs, maxAttempts, LearningRateRule.LOWEST_LOSS);
    }

    /**
     * A search over {@code rates} starting at {@code epochs} epochs that chooses by {@code rule}.
     *
     * @throws IllegalArgumentException as {@link #of(List, int, int, int)}
     */
    public static LearningRateSearch of(List<Double> rates, int epochs, int extraEpochs, int maxAttempts,
            LearningRateRule rule) {
        java.util.Objects.requireNonNull(rule, "rule");
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("learning-rate grid must not be empty");
        }
        for (double r : rates) {
            if (!(r > 0.0) || Double.isInfinite(r)) {
                throw new IllegalArgumentException("learning rates must be finite and > 0, found " + r);
            }
        }
        if (epochs < 1 || maxAttempts < 1 || extraEpochs < 0) {
            throw new IllegalArgumentException("epochs and maxAttempts must be >= 1 and extraEpochs >= 0, found "
                    + epochs + ", " + maxAttempts + ", " + extraEpochs);
        }
        return new LearningRateSearch(List.copyOf(rates), epochs, extraEpochs, maxAttempts, rule);
    }

    /**
     * {@code count} log-spaced rates from {@code low} to {@code high} inclusive, as numpy's
     * {@code logspace(log10(low), log10(high), count)}.
     */
    public static List<Double> logGrid(double low, double high, int count) {
        if (!(low > 0.0 && high >= low) || count < 1 || (count == 1 && high != low)) {
            throw new IllegalArgumentException("log grid needs 0 < low <= high and count >= 1 (1 only if low = high),"
                    + " found " + low + ", " + high + ", " + count);
        }
        List<Double> out = new ArrayList<>(count);
        double a = Math.log10(low);
        double b = Math.log10(high);
        for (int i = 0; i < count; i++) {
            out.add(count == 1 ? low : Math.pow(10.0, a + (b - a) * i / (count - 1)));
        }
        return List.copyOf(out);
    }

    /**
     * Runs the search; the trainer is called at most once per (attempt, rate), in the rule's order
     * (the lazy rules train from the smallest rate up and skip the rest of the grid once they know
     * their choice).
     */
    public Result run(Trainer trainer) {
        List<Trial> all = new ArrayList<>();
        Optional<Trial> best = Optional.empty();
        int attempt = 0;
        while (attempt < maxAttempts) {
            int e = epochs + attempt * extraEpochs;
            List<Trial> search = new ArrayList<>();
            for (double lr : rule.order(rates)) {
                Trial t = new Trial(lr, e, attempt, trainer.train(lr, e));
                search.add(t);
                if (rule.stopsAfter(t)) {
                    break;
                }
            }
            all.addAll(search);
            best = rule.choose(search);
            attempt++;
            if (best.isPresent() && best.get().outcome().success()) {
                break;
            }
        }
        return new Result(best, all, attempt);
    }
}
