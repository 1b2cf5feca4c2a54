package org.synapticgeometry.synapse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankingTest {
    private static CandidateFit fit(String name, int k, double logLikelihood) {
        int n = 1000;
        return new CandidateFit(name, k, n, logLikelihood, 2.0 * k - 2.0 * logLikelihood,
                k * Math.log(n) - 2.0 * logLikelihood, null, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void ordersByBicAndNamesTheEvidenceOnTheKassRafteryScale() {
        // BIC differences from the best (4 parameters, log L = 0): 1, 5, 9, 40 and, with a fifth parameter, ln 1000 = 6.9
        List<RankedCandidate> r = Ranking.of(List.of(fit("d", 4, -20.0), fit("a", 4, 0.0), fit("b", 4, -0.5),
                fit("c", 4, -2.5), fit("e", 4, -4.5), fit("h", 5, 0.0)));
        assertThat(r).extracting(c -> c.fit().candidate()).containsExactly("a", "b", "c", "h", "e", "d");
        assertThat(r).extracting(RankedCandidate::verdict).containsExactly("best", "not distinguishable from the best",
                "positive evidence against", "strong evidence against", "strong evidence against",
                "ruled out (very strong evidence against)");
        assertThat(r.get(3).deltaBic()).isCloseTo(Math.log(1000), within(1e-12));
        assertThat(r.get(5).deltaBic()).isCloseTo(40.0, within(1e-12));
        assertThat(r.get(5).log10BayesFactor()).isCloseTo(20.0 / Math.log(10), within(1e-12));
        assertThat(r.stream().mapToDouble(RankedCandidate::bicWeight).sum()).isCloseTo(1.0, within(1e-12));
        assertThat(r.get(0).bicWeight() / r.get(1).bicWeight()).isCloseTo(Math.exp(0.5), within(1e-12));
        // AIC's penalty is 2 per parameter: the nested 5-parameter model is 2 above the best AIC
        assertThat(r.get(3).deltaAic()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void rejectsAnEmptyList() {
        assertThatThrownBy(() -> Ranking.of(List.of())).hasMessageContaining("no candidate was fitted");
    }
}
