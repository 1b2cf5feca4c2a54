package org.synapticgeometry.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.stats.Scopes;
import org.synapticgeometry.stats.StatisticSet;
import org.synapticgeometry.stats.WeightChangeScorer;
import org.synapticgeometry.stats.WeightLayer;
import org.synapticgeometry.stats.SyntheticChange;

/** The score bench suite runs and its baseline computes what the paper's code computes (no timing asserted). */
class ScoreBenchmarkTest {
    @Test
    void suiteReportsBaselineAndBothStatisticSets() {
        StringWriter progress = new StringWriter();
        List<Bench.Row> rows = Bench.run("score", new Bench.Settings(10, new long[] {20_000}, 1, 1, 42),
                new PrintWriter(progress));
        assertThat(rows).extracting(Bench.Row::name).containsExactly("paper grid method, 1 candidate",
                "5 cand.: exact ΔCDF+KS+magnitude", "5 cand.: all statistics", "5 cand.: same, float64 weights");
        assertThat(rows).allSatisfy(r -> assertThat(r.medianMillis()).isPositive());
        assertThat(progress.toString()).contains("bench score n=20000");
    }

    @Test
    void baselineIsThePaperGridScorePlusMagnitude() {
        float[] w0 = SyntheticChange.initial(SyntheticChange.Init.NORMAL, 5000, 1);
        float[] w1 = SyntheticChange.perturbed(Potentials.parse("2-norm"), w0, 0.1, 2);
        var s = WeightChangeScorer.of(List.of(new WeightLayer("w", w0, w1)), Scopes.all(), StatisticSet.FULL)
                .score(Potentials.parse("2-norm")).scopes().get(Scopes.POOLED);
        // The baseline rounds z = Δ/std to float32 as numpy would; a value within ~1e-7 of a grid point
        // may then fall on the other side of it, moving the sum by h/n = 2e-6 per such value.
        double expected = s.deltaCdfGrid() + s.magnitude();
        assertThat(ScoreBenchmark.paperGridMethod(w0, w1, Potentials.parse("2-norm"))).isCloseTo(expected, within(1e-5));
    }
}
