package org.synapticgeometry.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.synapticgeometry.optim.LearningRateSearch.Outcome;

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
}
