package org.synapticgeometry.regress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.files.Json;
import org.synapticgeometry.testing.Cli;
import org.synapticgeometry.tracking.FileStore;
import org.synapticgeometry.tracking.TrackingKeys;

/** {@code sgeo compare} of the smoke with an edited copy, from folders and from a tracked parent run. */
class CompareCommandTest {
    @TempDir
    Path dir;

    @Test
    void showsEveryHeadlineFigureSideBySideWithTheParamsThatDiffer() throws Exception {
        Path a = RegressCommandTest.copy(RegressCommandTest.FIXTURES.resolve("smoke-s12"), dir.resolve("a"));
        Path b = RegressCommandTest.copy(a, dir.resolve("b"));
        Path train = b.resolve("deep/mlp-16-3-norm-s1/finetuned/train.json");
        RegressCommandTest.editJson(train, t -> ((ObjectNode) t).put("test_accuracy_after", 0.5));
        RegressCommandTest.editJson(b.resolve("deep/mlp-16-3-norm-s1/finetuned/run.json"), t -> {
            ((ObjectNode) t.path("params")).put("momentum", "0.5");
            return t;
        });
        Cli md = Cli.run("compare", a.toString(), b.toString());
        assertThat(md.code()).as(md.err()).isZero();
        // 12 identification cells, 3 potentials x 4 sizes of own-geometry ΔCDF, 3 accuracies
        assertThat(md.out().lines().filter(l -> l.startsWith("| identification ")).count()).isEqualTo(12);
        assertThat(md.out().lines().filter(l -> l.startsWith("| delta_cdf ")).count()).isEqualTo(12);
        assertThat(md.out()).contains("| identification linear trained=3-norm scope=pooled | 23/30 | 23/30 | 0 |");
        // 3-norm accuracies 0.7350 and 0.7354 in the smoke (train.json); one set to 0.5
        JsonNode s1 = Json.readTree(a.resolve("deep/mlp-16-3-norm-s1/finetuned/train.json"), "train");
        JsonNode s2 = Json.readTree(a.resolve("deep/mlp-16-3-norm-s2/finetuned/train.json"), "train");
        double before = (s1.path("test_accuracy_after").asDouble() + s2.path("test_accuracy_after").asDouble()) / 2;
        double after = (0.5 + s2.path("test_accuracy_after").asDouble()) / 2;
        assertThat(md.out()).contains(String.format(java.util.Locale.ROOT, "| test_accuracy mlp-16 trained=3-norm | %.4f | %.4f | %+.4f |",
                before, after, after - before));
        assertThat(md.out()).contains("| `finetune-per-map.momentum` | `0.9` | `0.5,0.9` |");

        Cli json = Cli.run("compare", a.toString(), b.toString(), "--format", "json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode j = Json.mapper().readTree(json.out());
        assertThat(j.path("figures")).hasSize(27);
        assertThat(j.path("params_differ")).hasSize(1);
        assertThat(j.path("params_differ").get(0).path("key").asText()).isEqualTo("finetune-per-map.momentum");
    }

    private static Map<Cell, List<Double>> sorted(Results r) {
        Map<Cell, List<Double>> m = new java.util.TreeMap<>();
        r.figures().forEach((c, v) -> m.put(c, v.stream().sorted().toList()));
        return m;
    }

    @Test
    void readsAReproductionFromTheArtifactsOfAParentRunInAFileStore() throws Exception {
        Path results = RegressCommandTest.FIXTURES.resolve("smoke-s12");
        FileStore store = new FileStore(dir.resolve("mlruns"));
        TrackedFixture logged = TrackedFixture.log(store, "sgeo-smoke", results);
        String parent = logged.parent();
        String exp = store.experimentId("sgeo-smoke");
        String other = store.createRun(exp, null, "another reproduction", 3L);
        store.uploadArtifact(other, results.resolve("deep/mlp-16-2-norm-s1/finetuned/train.json"), "train.json");
        Map<String, String> env = Map.of(TrackingKeys.ENV_URI, dir.resolve("mlruns").toUri().toString());

        Results tracked = Sources.results("mlflow:" + parent, env);
        Results folder = Sources.results(results.toString(), env);
        // the same values per cell (in another order: the store lists runs by id)
        assertThat(sorted(tracked)).isEqualTo(sorted(folder));
        assertThat(tracked.provenance().params()).isEqualTo(folder.provenance().params());
        assertThat(tracked.source()).isEqualTo("mlflow:" + parent);
        CheckOutcome o = RegressionCheck.check("mlflow:" + parent, Sources.baseline("mlflow:" + parent, env), folder);
        assertThat(o.passed()).isTrue();
        assertThat(o.unchanged()).isEqualTo(75);

        String missing = "0123456789abcdef0123456789abcdef";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Sources.results("mlflow:" + missing, env))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mlflow:" + missing
                        + " is not a run in the tracking store");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Sources.results("mlflow:" + other, env))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no child runs");
        String stageRun = logged.children().get(0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Sources.results("mlflow:" + stageRun, env))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stage run, not the parent run of a"
                        + " reproduction");
    }
}
