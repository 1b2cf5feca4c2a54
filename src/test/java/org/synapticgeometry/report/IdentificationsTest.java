package org.synapticgeometry.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentificationsTest {
    private static ScoreRow row(String run, String candidate, double deltaCdf) {
        return new ScoreRow(run, "3-norm", "mlp-16", run.substring(run.length() - 1), "pooled", candidate, 100, deltaCdf, 0, 0.1);
    }

    private static JsonNode ids(String... identified) throws Exception {
        StringBuilder runs = new StringBuilder();
        for (int i = 0; i < identified.length; i++) {
            runs.append(i == 0 ? "" : ",").append("{\"run_id\":\"r").append(i + 1)
                    .append("\",\"trained_potential\":\"3-norm\",\"scope\":\"pooled\",\"identified\":\"").append(identified[i]).append("\"}");
        }
        return new ObjectMapper().readTree("{\"runs\":[" + runs + "]}");
    }

    /** The paper's criterion: mean over the seeds, then the argmin; per-run winners may differ from it. */
    @Test
    void argminOfTheMeanOverSeedsCanDifferFromTheMostFrequentRunWinner() throws Exception {
        // r1 and r2 narrowly prefer 2.5-norm, r3 strongly prefers 3-norm: means 2.5-norm 0.1133, 3-norm 0.1
        List<ScoreRow> scores = List.of(row("r1", "2.5-norm", 0.10), row("r1", "3-norm", 0.11),
                row("r2", "2.5-norm", 0.10), row("r2", "3-norm", 0.12), row("r3", "2.5-norm", 0.14), row("r3", "3-norm", 0.07));
        Identifications.Line line = Identifications.table(List.of(ids("2.5-norm", "2.5-norm", "3-norm")), scores, "pooled").get(0);
        assertThat(line.correct()).isEqualTo(1);
        assertThat(line.runs()).isEqualTo(3);
        assertThat(line.argminOfMean()).isEqualTo("3-norm");
        assertThat(line.trainedMean()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
    }

    /** A candidate not scored (NaN) in some run is not averaged over the others: it cannot win, its mean is NaN. */
    @Test
    void aCandidateWithoutAFiniteDeltaCdfInEveryRunIsLeftOut() throws Exception {
        List<ScoreRow> scores = List.of(row("r1", "2-norm", 0.2), row("r1", "3-norm", 0.01),
                row("r2", "2-norm", 0.2), row("r2", "3-norm", Double.NaN));
        Identifications.Line line = Identifications.table(List.of(ids("3-norm", "2-norm")), scores, "pooled").get(0);
        assertThat(line.argminOfMean()).isEqualTo("2-norm");
        assertThat(line.trainedMean()).isNaN();
        Identifications.Line none = Identifications.table(List.of(ids("3-norm")), List.of(row("r1", "3-norm", Double.NaN)),
                "pooled").get(0);
        assertThat(none.argminOfMean()).isNull();
    }
}
