package org.synapticgeometry.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.files.Json;
import org.synapticgeometry.testing.PythonPeer;

/**
 * MLflow 3.17.2 reads the embedded store written by Java: directly (needs
 * {@code MLFLOW_ALLOW_FILE_STORE=true} since 3.13) and after {@code mlflow migrate-filestore} into
 * SQLite: search with a filter, metric history with steps, params, tags, artifacts; and, directly, the dataset
 * inputs.
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
        Path input = Files.writeString(work.resolve("in"), "x");
        String runId = StageFixture.run(config, out, input);

        JsonNode direct = MlflowPeer.dump(store.toUri().toString(), "embedded", "params.learning_rate = '0.01'");
        check(direct, runId, out);
        // the dataset inputs, in MLflow's file-store layout, read by MLflow's get_run(id).inputs.dataset_inputs
        String sha = Provenance.sha256(input);
        JsonNode in = direct.at("/runs/" + runId + "/inputs");
        assertThat(in.size()).isEqualTo(1);
        assertThat(in.get(0).get("name").asText()).isEqualTo("in");
        assertThat(in.get(0).get("digest").asText()).isEqualTo(sha.substring(0, 32));
        assertThat(in.get(0).get("source_type").asText()).isEqualTo("local");
        assertThat(Json.mapper().readTree(in.get(0).get("source").asText()).get("uri").asText())
                .isEqualTo(input.toAbsolutePath().toUri().toString());
        JsonNode profile = Json.mapper().readTree(in.get(0).get("profile").asText());
        assertThat(profile.get("sha256").asText()).isEqualTo(sha);
        assertThat(profile.get("bytes").asLong()).isEqualTo(1);
        assertThat(in.get(0).at("/tags/mlflow.data.context").asText()).isEqualTo("input");

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
