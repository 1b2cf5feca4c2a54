package org.synapticgeometry.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * Immutable and thread-safe. {@link #run(Trainer)} calls the trainer sequentially in the rule's order;
 * {@link #run(Trainer, ExecutorService)} hands the trials of one search to a pool, as many at once as
 * it has threads, and returns the same result (the trials in the rule's order).
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
        return run(trainer, null);
    }

    /**
     * Runs the search with the trials of one search on {@code pool}: every rate of a search is
     * submitted at once, so as many train concurrently as the pool has threads (which bounds what they
     * hold at once), and the outcomes are taken in the rule's order, so the result is that of
     * {@link #run(Trainer)} when each trial's outcome does not depend on what runs beside it. A rule
     * that may skip the rest of the grid after a trial (which rates it trains depends on the outcomes
     * before them) trains one rate at a time on the calling thread, as does a null pool. The searches
     * of successive attempts still run one after the other. When a trial throws, the trials not yet
     * started are skipped, the running ones are waited for, and the first failure in the rule's order
     * is rethrown (the pool is left to the caller).
     *
     * @param pool the threads the trainer is called on, or null to call it on this thread
     */
    public Result run(Trainer trainer, ExecutorService pool) {
        boolean concurrent = pool != null && !rule.mayStopEarly();
        List<Trial> all = new ArrayList<>();
        Optional<Trial> best = Optional.empty();
        int attempt = 0;
        while (attempt < maxAttempts) {
            int e = epochs + attempt * extraEpochs;
            List<Trial> search = concurrent ? concurrently(trainer, pool, e, attempt) : sequentially(trainer, e, attempt);
            all.addAll(search);
            best = rule.choose(search);
            attempt++;
            if (best.isPresent() && best.get().outcome().success()) {
                break;
            }
        }
        return new Result(best, all, attempt);
    }

    private List<Trial> sequentially(Trainer trainer, int e, int attempt) {
        List<Trial> search = new ArrayList<>();
        for (double lr : rule.order(rates)) {
            Trial t = new Trial(lr, e, attempt, trainer.train(lr, e));
            search.add(t);
            if (rule.stopsAfter(t)) {
                break;
            }
        }
        return search;
    }

    private List<Trial> concurrently(Trainer trainer, ExecutorService pool, int e, int attempt) {
        List<Double> order = rule.order(rates);
        AtomicBoolean failed = new AtomicBoolean();
        List<Future<Outcome>> submitted = new ArrayList<>();
        for (double lr : order) {
            submitted.add(pool.submit(() -> failed.get() ? null : trainOrFlag(trainer, lr, e, failed)));
        }
        List<Trial> search = new ArrayList<>();
        Throwable failure = null;
        for (int i = 0; i < order.size(); i++) {
            try {
                Outcome o = submitted.get(i).get();
                if (o != null) {
                    search.add(new Trial(order.get(i), e, attempt, o));
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                failed.set(true);
                failure = failure != null ? failure
                        : new IllegalStateException("interrupted while waiting for a learning-rate trial", ex);
            } catch (ExecutionException ex) {
                failure = failure != null ? failure : ex.getCause();
            }
        }
        if (failure != null) {
            throw unchecked(failure);
        }
        return search;
    }

    /** What a trial threw, as it was when unchecked. */
    private static RuntimeException unchecked(Throwable failure) {
        if (failure instanceof Error err) {
            throw err;
        }
        return failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
    }

    /** Trains one trial; when it throws, the trials not yet started are skipped. */
    private static Outcome trainOrFlag(Trainer trainer, double lr, int e, AtomicBoolean failed) {
        try {
            return trainer.train(lr, e);
        } catch (RuntimeException | Error thrown) {
            failed.set(true);
            throw thrown;
        }
    }
}
