package org.synapticgeometry.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's on-disk layout, exactly as MLflow's file store reads it. */
class FileStoreTest {
    @TempDir
    Path root;

    @Test
    void writesMlflowsLayoutAndMetaFields() throws IOException {
        FileStore fs = new FileStore(root);
        String exp = fs.experimentId("my 'quoted' experiment");
        assertThat(fs.experimentId("my 'quoted' experiment")).isEqualTo(exp);
        assertThat(exp).matches("\\d{18,19}");
        String run = fs.createRun(exp, null, "score 2-norm", 1_700_000_000_000L);
        fs.logBatch(run, List.of(new MetricPoint("delta_cdf/2-norm", 1.0e-5, 17, 0),
                new MetricPoint("delta_cdf/2-norm", Double.NaN, 18, 1), new MetricPoint("acc", 0.5, 19, 3)),
                Map.of("lr", "0.01"), Map.of("stage", "score"));
        fs.endRun(run, RunStatus.FAILED, 1_700_000_000_500L);
        Path dir = root.resolve(exp).resolve(run);

        assertThat(Files.readString(root.resolve(exp).resolve("meta.yaml"))).contains("experiment_id: '" + exp + "'\n")
                .contains("lifecycle_stage: active\n").contains("name: 'my ''quoted'' experiment'\n")
                .contains("artifact_location: 'file://" + root.resolve(exp) + "'\n");
        assertThat(Files.readString(dir.resolve("meta.yaml"))).isEqualTo(String.join("\n",
                "artifact_uri: 'file://" + dir.resolve("artifacts") + "'", "end_time: 1700000000500",
                "experiment_id: '" + exp + "'", "lifecycle_stage: active", "run_id: '" + run + "'",
                "run_name: 'score 2-norm'", "run_uuid: '" + run + "'", "start_time: 1700000000000", "status: 4",
                "user_id: '" + System.getProperty("user.name") + "'", ""));
        assertThat(Files.readString(dir.resolve("metrics/delta_cdf/2-norm"))).isEqualTo("17 1.0E-5 0\n18 NaN 1\n");
        assertThat(Files.readString(dir.resolve("params/lr"))).isEqualTo("0.01");
        assertThat(Files.readString(dir.resolve("tags/mlflow.runName"))).isEqualTo("score 2-norm");
        assertThat(dir.resolve("artifacts")).isDirectory();
        try (Stream<Path> s = Files.walk(root)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp-"));
        }
        StoredRun back = fs.readRun(run);
        assertThat(back.status()).isEqualTo("FAILED");
        assertThat(back.metrics()).hasSize(3);
        assertThat(back.metrics().get(2).value()).as("keys in path order: acc, then delta_cdf/2-norm").isNaN();
    }

    @Test
    void paramsAreWriteOnceAndArtifactsStayInsideTheRun() throws IOException {
        FileStore fs = new FileStore(root);
        String run = fs.createRun(fs.experimentId("e"), null, "r", 1);
        fs.logBatch(run, List.of(), Map.of("lr", "0.01"), Map.of());
        fs.logBatch(run, List.of(), Map.of("lr", "0.01"), Map.of());
        assertThatThrownBy(() -> fs.logBatch(run, List.of(), Map.of("lr", "0.02"), Map.of()))
                .hasMessageContaining("param 'lr' of run " + run + " is already '0.01', cannot change it to '0.02'");
        Path f = Files.writeString(root.resolve("f.txt"), "x");
        assertThatThrownBy(() -> fs.uploadArtifact(run, f, "../../escape.txt")).isInstanceOf(IllegalArgumentException.class);
        fs.uploadArtifact(run, f, "sub/f.txt");
        assertThat(fs.readRun(run).artifacts()).containsOnlyKeys("sub/f.txt");
    }

    @Test
    void deletedExperimentNameIsReportedWithTheFix() throws IOException {
        FileStore fs = new FileStore(root);
        String exp = fs.experimentId("old");
        Files.createDirectories(root.resolve(".trash"));
        Files.move(root.resolve(exp), root.resolve(".trash").resolve(exp));
        assertThatThrownBy(() -> fs.experimentId("old")).hasMessageContaining("experiment 'old' is deleted")
                .hasMessageContaining("set SGEO_EXPERIMENT to another name");
    }
}
