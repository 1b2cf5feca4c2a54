package org.synapticgeometry.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.testing.PythonPeer;

/**
 * MLflow 3.17.2 reads the embedded store written by Java: directly (needs
 * {@code MLFLOW_ALLOW_FILE_STORE=true} since 3.13) and after {@code mlflow migrate-filestore} into
 * SQLite: search with a filter, metric history with steps, params, tags, artifacts.
 */
@Tag("mlflow")
class FileStoreMlflowTest {
    @TempDir
    Path work;

    @Test
    void mlflowReadsTheEmbeddedStoreDirectlyAndAfterMigration() throws Exception {
        Path store = work.resolve("mlruns");
        Path out = Files.createDirectories(work.resolve("out"));
        TrackingConfig config = TrackingConfig.fromEnv(Map.of(TrackingKeys.ENV_URI, store.toUri().toString(),
                TrackingKeys.ENV_EXPERIMENT, "embedded"));
        String runId = StageFixture.run(config, out, Files.writeString(work.resolve("in"), "x"));

        JsonNode direct = MlflowPeer.dump(store.toUri().toString(), "embedded", "params.learning_rate = '0.01'");
        check(direct, runId, out);

        Path db = work.resolve("migrated.db");
        Path mlflow = Path.of(PythonPeer.interpreter()).resolveSibling("mlflow");
        Process p = new ProcessBuilder(mlflow.toString(), "migrate-filestore", "--source", store.toString(), "--target",
                "sqlite:///" + db).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(log).isZero();
        check(MlflowPeer.dump("sqlite:///" + db, "embedded", "params.learning_rate = '0.01'"), runId, out);
    }

    private static void check(JsonNode dump, String runId, Path out) {
        assertThat(dump.get("filtered").asInt()).isEqualTo(1);
        JsonNode r = dump.at("/runs/" + runId);
        assertThat(r.get("status").asText()).isEqualTo("FINISHED");
        assertThat(r.get("name").asText()).isEqualTo("finetune-per-map 3-norm mlp s7");
        assertThat(r.at("/params/seed").asText()).isEqualTo("7");
        assertThat(r.at("/tags/stage").asText()).isEqualTo("finetune-per-map");
        JsonNode acc = r.at("/history/train.accuracy");
        assertThat(acc.size()).isEqualTo(StageFixture.EPOCHS);
        for (int e = 0; e < StageFixture.EPOCHS; e++) {
            assertThat(acc.get(e).get(0).asInt()).isEqualTo(e);
            assertThat(acc.get(e).get(1).asDouble()).isEqualTo(0.5 + 0.1 * e);
        }
        assertThat(r.at("/metrics/score.delta_cdf~12-norm").asDouble()).isNaN();
        {
            assertThat(r.at("/artifacts/plots~1cdf.png").asText()).isEqualTo(Provenance.sha256(out.resolve("plots/cdf.png")));
            assertThat(r.at("/artifacts/run.json").asText()).isEqualTo(Provenance.sha256(out.resolve("run.json")));
        }
    }
}
