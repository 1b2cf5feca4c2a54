package org.synapticgeometry.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.synapticgeometry.optim.LearningRateSearch.Outcome;
import org.synapticgeometry.optim.LearningRateSearch.Result;

class LearningRateSearchTest {

    @Test
    void lowestFiniteLossWinsAndDivergedNeverWins() {
        // the largest rate "diverges" (NaN) although rates get better as they grow
        LearningRateSearch.Result r = LearningRateSearch.of(List.of(0.01, 0.1, 1.0), 10, 10, 4)
                .run((lr, e) -> Outcome.of(lr >= 1.0 ? Double.NaN : 1.0 / lr, true));
        assertThat(r.best()).isPresent();
        assertThat(r.best().get().learningRate()).isEqualTo(0.1);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.trials()).hasSize(3);
        assertThat(r.trials().get(2).outcome().diverged()).isTrue();
    }

    @Test
    void retriesWithMoreEpochsUntilCriterionHolds() {
        // loss = 1/(lr·epochs): the best rate (1.0) gives 0.1, 0.05, 0.033 at 10, 20, 30 epochs,
        // so the criterion loss < 0.05 first holds on the third attempt
        LearningRateSearch.Result r = LearningRateSearch.of(List.of(0.5, 1.0), 10, 10, 4)
                .run((lr, e) -> {
                    double loss = 1.0 / (lr * e);
                    return Outcome.of(loss, loss < 0.05);
                });
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(r.best().get().epochs()).isEqualTo(30);
        assertThat(r.best().get().learningRate()).isEqualTo(1.0);
        assertThat(r.succeeded()).isTrue();
        assertThat(r.trials()).extracting(LearningRateSearch.Trial::epochs).containsExactly(10, 10, 20, 20, 30, 30);
    }

    @Test
    void stopsAfterMaxAttemptsWhenCriterionNeverHolds() {
        LearningRateSearch.Result r = LearningRateSearch.of(List.of(0.1), 5, 5, 3).run((lr, e) -> Outcome.of(1.0, false));
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(r.succeeded()).isFalse();
        assertThat(r.summary()).contains("criterion NOT met");
    }

    @Test
    void reportsWhenEveryRateDiverges() {
        LearningRateSearch.Result r = LearningRateSearch.of(List.of(0.1, 1.0), 5, 5, 2)
                .run((lr, e) -> Outcome.of(Double.POSITIVE_INFINITY, true));
        assertThat(r.allDiverged()).isTrue();
        assertThat(r.best()).isEmpty();
        assertThat(r.summary()).contains("every learning rate diverged");
        assertThat(r.attempts()).isEqualTo(2);
    }

    @Test
    void logGridMatchesNumpyLogspace() {
        List<Double> g = LearningRateSearch.logGrid(1e-7, 1e-1, 16);
        assertThat(g).hasSize(16);
        assertThat(g.get(0)).isCloseTo(1e-7, within(1e-20));
        assertThat(g.get(15)).isCloseTo(1e-1, within(1e-15));
        // numpy.logspace(-7, -1, 16)[1] = 2.5118864315095823e-07
        assertThat(g.get(1)).isCloseTo(2.5118864315095823e-07, within(1e-20));
    }

    @Test
    void rejectsBadGrid() {
        assertThatThrownBy(() -> LearningRateSearch.of(List.of(), 1, 1, 1)).hasMessageContaining("empty");
        assertThatThrownBy(() -> LearningRateSearch.of(List.of(-1.0), 1, 1, 1)).hasMessageContaining("> 0");
    }

    /**
     * A hand-made grid: final loss falls with the rate (0.02, 0.01, 0.005, 0.001 at 1e-3 … 1) and
     * only rates ≥ 1e-2 fit their data, so the paper's rule takes the largest rate and the lazy rule
     * the smallest that fits.
     */
    private static Outcome handMade(double lr, int epochs) {
        double loss = lr == 1e-3 ? 0.02 : lr == 1e-2 ? 0.01 : lr == 1e-1 ? 0.005 : 0.001;
        return Outcome.of(loss, lr >= 1e-2);
    }

    @Test
    void eachRulePicksItsRateOnAHandMadeGrid() {
        List<Double> grid = List.of(1e-3, 1e-2, 1e-1, 1.0);
        Result lowest = LearningRateSearch.of(grid, 10, 10, 4, LearningRateRule.LOWEST_LOSS).run(LearningRateSearchTest::handMade);
        assertThat(lowest.best().get().learningRate()).isEqualTo(1.0);
        assertThat(lowest.trials()).hasSize(4);
        Result smallest = LearningRateSearch.of(grid, 10, 10, 4, LearningRateRule.SMALLEST_FITTING)
                .run(LearningRateSearchTest::handMade);
        assertThat(smallest.best().get().learningRate()).isEqualTo(1e-2);
        assertThat(smallest.succeeded()).isTrue();
        // rates above the first that fits are never trained
        assertThat(smallest.trials()).extracting(LearningRateSearch.Trial::learningRate).containsExactly(1e-3, 1e-2);
    }

    @Test
    void smallestFittingTrainsAnUnsortedGridFromTheSmallestRateUp() {
        Result r = LearningRateSearch.of(List.of(1.0, 1e-1, 1e-3, 1e-2), 10, 10, 1, LearningRateRule.SMALLEST_FITTING)
                .run(LearningRateSearchTest::handMade);
        assertThat(r.best().get().learningRate()).isEqualTo(1e-2);
        assertThat(r.trials()).extracting(LearningRateSearch.Trial::learningRate).containsExactly(1e-3, 1e-2);
    }

    @Test
    void smallestFittingRetriesAndThenFallsBackToTheLowestLossWhenNoRateFits() {
        // nothing ever fits: two searches over the whole grid, then the lowest loss of the last one
        Result r = LearningRateSearch.of(List.of(1e-3, 1e-2, 1e-1), 10, 5, 2, LearningRateRule.SMALLEST_FITTING)
                .run((lr, e) -> Outcome.of(lr == 1e-2 ? 0.1 / e : 1.0 / e, false));
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(r.trials()).hasSize(6);
        assertThat(r.best().get().learningRate()).isEqualTo(1e-2);
        assertThat(r.best().get().epochs()).isEqualTo(15);
        assertThat(r.succeeded()).isFalse();
        assertThat(r.summary()).contains("criterion NOT met");
    }

    @Test
    void smallestFittingRetriesWithMoreEpochsUntilARateFits() {
        // 1e-1 fits from 20 epochs on, 1.0 already at 10: the first search takes 1.0, so no retry
        Result first = LearningRateSearch.of(List.of(1e-1, 1.0), 10, 10, 3, LearningRateRule.SMALLEST_FITTING)
                .run((lr, e) -> Outcome.of(1.0 / (lr * e), lr * e >= 2.0 || lr >= 1.0));
        assertThat(first.best().get().learningRate()).isEqualTo(1.0);
        assertThat(first.attempts()).isEqualTo(1);
        // only 1e-1 can fit, after 20 epochs: the second search takes it without training 1.0
        Result later = LearningRateSearch.of(List.of(1e-1, 1.0), 10, 10, 3, LearningRateRule.SMALLEST_FITTING)
                .run((lr, e) -> Outcome.of(lr, lr < 1.0 && e >= 20));
        assertThat(later.attempts()).isEqualTo(2);
        assertThat(later.best().get().learningRate()).isEqualTo(0.1);
        assertThat(later.best().get().epochs()).isEqualTo(20);
        assertThat(later.trials()).extracting(LearningRateSearch.Trial::epochs).containsExactly(10, 10, 20);
    }

    @Test
    void aDivergedRateIsNeverChosenByEitherRule() {
        // the smallest rate "fits" but diverged (a non-finite loss cannot be a success); the next one fits
        for (LearningRateRule rule : List.of(LearningRateRule.LOWEST_LOSS, LearningRateRule.SMALLEST_FITTING,
                LearningRateRule.boundedChange(0.5))) {
            Result r = LearningRateSearch.of(List.of(1e-3, 1e-2, 1e-1), 10, 10, 1, rule)
                    .run((lr, e) -> new Outcome(lr == 1e-3 ? Double.NaN : lr, false, true, 0.1));
            assertThat(r.trials().get(0).outcome().diverged()).as(rule.cliName()).isTrue();
            assertThat(r.trials().get(0).outcome().success()).as(rule.cliName()).isFalse();
            assertThat(r.best().get().learningRate()).as(rule.cliName()).isEqualTo(1e-2);
        }
        Result none = LearningRateSearch.of(List.of(1e-3, 1e-2), 10, 10, 1, LearningRateRule.SMALLEST_FITTING)
                .run((lr, e) -> Outcome.of(Double.POSITIVE_INFINITY, true));
        assertThat(none.allDiverged()).isTrue();
    }

    @Test
    void ruleNamesParseAndAnUnknownNameListsTheValidOnes() {
        assertThat(LearningRateRule.parse("lowest-loss")).isEqualTo(LearningRateRule.LOWEST_LOSS);
        assertThat(LearningRateRule.parse("smallest-fitting")).isEqualTo(LearningRateRule.SMALLEST_FITTING);
        assertThat(LearningRateRule.parse("bounded-change:0.2")).isEqualTo(LearningRateRule.boundedChange(0.2));
        assertThat(LearningRateRule.parse("bounded-change:0.2").cliName()).isEqualTo("bounded-change:0.2");
        for (String bad : new String[] {"smallest", "bounded-change", "bounded-change:0", "bounded-change:x"}) {
            assertThatThrownBy(() -> LearningRateRule.parse(bad)).as(bad).hasMessage("unknown learning-rate rule '"
                    + bad + "'; valid rules: lowest-loss, smallest-fitting, bounded-change:B (B > 0, e.g."
                    + " bounded-change:0.2)");
        }
    }

    /** Relative change 0.05, 0.1, 0.3, 1.0 and loss 0.4, 0.3, 0.2, 0.1 at 1e-3 … 1; nothing fits. */
    private static Outcome lazyGrid(double lr, int epochs) {
        int i = (int) Math.round(Math.log10(lr)) + 3;
        return Outcome.of(new double[] {0.4, 0.3, 0.2, 0.1}[i], false, new double[] {0.05, 0.1, 0.3, 1.0}[i]);
    }

    @Test
    void boundedChangeTakesTheLowestLossWithinTheBoundAndStopsAtTheFirstRateBeyondIt() {
        Result r = LearningRateSearch.of(List.of(1.0, 1e-1, 1e-2, 1e-3), 10, 10, 1, LearningRateRule.boundedChange(0.2))
                .run(LearningRateSearchTest::lazyGrid);
        assertThat(r.best().get().learningRate()).isEqualTo(1e-2);
        // 1e-1 moved the weights by 0.3 > 0.2: 1.0 is never trained
        assertThat(r.trials()).extracting(LearningRateSearch.Trial::learningRate).containsExactly(1e-3, 1e-2, 1e-1);
        assertThat(r.succeeded()).isFalse();
        // a bound below every change: the trial that moved the weights least
        Result tight = LearningRateSearch.of(List.of(1e-3, 1e-2), 10, 10, 1, LearningRateRule.boundedChange(0.01))
                .run(LearningRateSearchTest::lazyGrid);
        assertThat(tight.best().get().learningRate()).isEqualTo(1e-3);
        assertThat(tight.trials()).hasSize(1);
        // the paper's rule on the same grid: the largest rate (lowest loss), however far it moved the weights
        Result paper = LearningRateSearch.of(List.of(1e-3, 1e-2, 1e-1, 1.0), 10, 10, 1, LearningRateRule.LOWEST_LOSS)
                .run(LearningRateSearchTest::lazyGrid);
        assertThat(paper.best().get().learningRate()).isEqualTo(1.0);
    }

    @Test
    @Timeout(60)
    void trialsOnAPoolRunAtOnceAndComeBackInTheRulesOrder() {
        // 0.1 waits until 0.2 has ended: only two trials at once let the search finish, and 0.2 ends first
        CountDownLatch secondEnded = new CountDownLatch(1);
        LearningRateSearch.Trainer trainer = (lr, e) -> {
            if (lr == 0.1) {
                await(secondEnded);
            }
            Outcome o = Outcome.of(Math.abs(lr - 0.2) + 1.0 / e, false);
            if (lr == 0.2) {
                secondEnded.countDown();
            }
            return o;
        };
        LearningRateSearch search = LearningRateSearch.of(List.of(0.1, 0.2, 0.3), 10, 10, 2);
        Result concurrent = onPool(2, search, trainer);
        assertThat(concurrent.trials()).extracting(LearningRateSearch.Trial::learningRate)
                .containsExactly(0.1, 0.2, 0.3, 0.1, 0.2, 0.3);
        assertThat(concurrent.trials()).extracting(LearningRateSearch.Trial::attempt).containsExactly(0, 0, 0, 1, 1, 1);
        assertThat(concurrent.best().get().learningRate()).isEqualTo(0.2);
        assertThat(concurrent.best().get().epochs()).isEqualTo(20);
        Result sequential = search.run((lr, e) -> Outcome.of(Math.abs(lr - 0.2) + 1.0 / e, false));
        assertThat(sequential.trials()).extracting(LearningRateSearch.Trial::learningRate)
                .containsExactly(0.1, 0.2, 0.3, 0.1, 0.2, 0.3);
    }

    @Test
    @Timeout(60)
    void aRuleThatMayStopEarlyTrainsOneRateAtATimeOnTheCallingThread() {
        List<String> threads = new CopyOnWriteArrayList<>();
        Result r = onPool(2, LearningRateSearch.of(List.of(1.0, 1e-1, 1e-2, 1e-3), 10, 10, 1,
                LearningRateRule.boundedChange(0.2)), (lr, e) -> {
                    threads.add(Thread.currentThread().getName());
                    return lazyGrid(lr, e);
                });
        assertThat(r.trials()).extracting(LearningRateSearch.Trial::learningRate).containsExactly(1e-3, 1e-2, 1e-1);
        assertThat(threads).hasSize(3).containsOnly(Thread.currentThread().getName());
    }

    @Test
    @Timeout(60)
    void theFirstFailureInTheRulesOrderIsRethrownAndTrialsNotStartedAreSkipped() {
        List<Double> trained = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> onPool(1, LearningRateSearch.of(List.of(0.1, 0.2, 0.3), 10, 10, 1), (lr, e) -> {
            trained.add(lr);
            throw new IllegalStateException("trial " + lr + " failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("trial 0.1 failed");
        assertThat(trained).containsExactly(0.1);
        // two at once: 0.2 fails first in time, 0.1 later; 0.1 is first in the grid. 0.2 fails only once
        // 0.1 has started (a trial not started when another fails is skipped, by design)
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch secondFailed = new CountDownLatch(1);
        assertThatThrownBy(() -> onPool(2, LearningRateSearch.of(List.of(0.1, 0.2), 10, 10, 1), (lr, e) -> {
            if (lr == 0.1) {
                firstStarted.countDown();
                await(secondFailed);
                throw new IllegalArgumentException("first");
            }
            await(firstStarted);
            secondFailed.countDown();
            throw new IllegalStateException("second");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("first");
    }

    private static Result onPool(int threads, LearningRateSearch search, LearningRateSearch.Trainer trainer) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            return search.run(trainer, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).as("the other trial ran at the same time").isTrue();
        } catch (InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
