package org.synapticgeometry.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.files.Json;

/** The parent run of a reproduction: params flattened, summary metrics from the score outputs, artifacts, status. */
class ReproductionSummaryTest {
    @TempDir
    Path dir;

    private static String run(String arch, String trained, String scope, String identified, double own) {
        return "{\"run_id\":\"x\",\"architecture\":\"" + arch + "\",\"trained_potential\":\"" + trained
                + "\",\"scope\":\"" + scope + "\",\"identified\":\"" + identified + "\",\"delta_cdf\":{\"" + trained
                + "\":" + own + ",\"other\":0.9}}";
    }

    private Path outdir() throws IOException {
        Path out = dir.resolve("results");
        Files.createDirectories(out.resolve("deep/scores"));
        Files.writeString(out.resolve("deep/scores/identification.json"), "{\"candidates\":[\"2-norm\",\"3-norm\"],\"runs\":["
                + run("mlp-16", "2-norm", "pooled", "2-norm", 0.2) + ","
                + run("mlp-16", "2-norm", "pooled", "3-norm", 0.4) + ","
                + run("mlp-16", "2-norm", "standardized", "2-norm", 0.1) + ","
                + run("mlp-16", "3-norm", "pooled", "3-norm", 0.3) + "],"
                + "\"failed\":[{\"run_id\":\"bad\"}]}");
        Files.createDirectories(out.resolve("linreg/scores"));
        Files.writeString(out.resolve("linreg/scores/identification.json"), "{\"candidates\":[\"negative_entropy\",\"2-norm\"],\"runs\":["
                + run("linear", "negative_entropy", "pooled", "negative_entropy", 0.05) + "],\"failed\":[]}");
        Files.createDirectories(out.resolve("report"));
        Files.writeString(out.resolve("report/summary.md"), "# summary\n");
        Files.writeString(out.resolve("report/index.html"), "<html></html>\n");
        Files.createDirectories(out.resolve("deep/mlp-16-2-norm-s1/finetuned"));
        Files.writeString(out.resolve("deep/mlp-16-2-norm-s1/finetuned/run.json"), "{\"device\":\"cpu\"}");
        return out;
    }

    @Test
    void metricsAreAccuracyPerCellAndScopeOwnDeltaCdfMeansAndCounts() throws IOException {
        Map<String, Double> m = ReproductionSummary.metrics(outdir(), 12.5);
        assertThat(m).containsEntry("accuracy.mlp-16.2-norm.pooled", 0.5)
                .containsEntry("accuracy.mlp-16.2-norm.standardized", 1.0)
                .containsEntry("accuracy.mlp-16.3-norm.pooled", 1.0)
                .containsEntry("accuracy.linear.negative_entropy.pooled", 1.0)
                .containsEntry("accuracy.pooled", 0.75)
                .containsEntry("networks_scored", 4.0).containsEntry("runs_failed", 1.0)
                .containsEntry("wall_seconds", 12.5);
        assertThat(m.get("own_delta_cdf.mlp-16.2-norm")).isCloseTo(0.3, within(1e-12));
        assertThat(m.get("own_delta_cdf.linear.negative_entropy")).isEqualTo(0.05);
        assertThat(m).doesNotContainKey("own_delta_cdf.mlp-16.2-norm.standardized");
    }

    @Test
    void paramsFileIsFlattenedWithTheContext() throws IOException {
        JsonNode p = Json.mapper().readTree("{\"seeds\":[1,2],\"outdir\":\"r\",\"nested\":{\"a\":1.5,\"b\":null}}");
        Map<String, String> flat = ReproductionSummary.params(p, Map.of("sgeo_build", "abc"));
        assertThat(flat).containsExactlyInAnyOrderEntriesOf(Map.of("params.seeds", "[1, 2]", "params.outdir", "r",
                "params.nested.a", "1.5", "params.nested.b", "", "sgeo_build", "abc"));
    }

    /** With several learning-rate rules each rule's report is logged under its own folder, next to no report/. */
    @Test
    void eachRulesReportIsAnArtifactOfTheParentRun() throws IOException {
        Path out = Files.createDirectories(dir.resolve("rules"));
        for (String rule : List.of("deep-lowest-loss", "deep-bounded-change-0.2")) {
            Files.writeString(Files.createDirectories(out.resolve(rule).resolve("report")).resolve("index.html"), "<html/>");
        }
        Files.createDirectories(out.resolve("deep-smallest-fitting").resolve("scores"));   // scored, not reported
        Files.createDirectories(out.resolve("pipeline_info"));
        assertThat(ReproductionSummary.artifacts(out, null)).extracting(Map.Entry::getValue)
                .containsExactly("deep-bounded-change-0.2/report", "deep-lowest-loss/report");
    }

    @Test
    void theParentRunCarriesParamsMetricsArtifactsAndItsStatus() throws IOException {
        Path out = outdir();
        Path launch = Files.createDirectories(dir.resolve("launch"));
        Files.writeString(launch.resolve(".nextflow.log"), "Dec-01 DEBUG n.e.Executor - [warm up] executor > local\n");
        Path params = Files.writeString(dir.resolve("smoke.yaml"), "seeds: [1, 2]\n");
        Path store = dir.resolve("mlruns");
        TrackingConfig config = TrackingConfig.fromEnv(Map.of(TrackingKeys.ENV_URI, store.toUri().toString()));
        String id = Tracking.startParent(config, "tiny_curie", Map.of("workflow", "smoke.nf"), ReproductionSummary.params(
                Json.mapper().readTree("{\"seeds\":[1,2]}"), Map.of("sgeo_build", "b1", "nextflow.profile", "test")));
        assertThat(new FileStore(store).readRun(id).status()).isEqualTo("RUNNING");
        Optional<String> view = ReproductionSummary.log(config, id, out, launch, params, 12.5);
        Tracking.endRun(config, id, RunStatus.FAILED);
        StoredRun r = new FileStore(store).readRun(id);
        assertThat(view).contains("/#/experiments/" + r.experimentId() + "/runs?viewStateShareKey=sgeo-science"
                + "&workflowType=machine_learning");
        assertThat(r.status()).isEqualTo("FAILED");
        assertThat(r.params()).containsEntry("params.seeds", "[1, 2]").containsEntry("sgeo_build", "b1")
                .containsEntry("executor", "local").containsEntry("device", "cpu").containsEntry("nextflow.profile", "test");
        assertThat(r.tags()).containsEntry("stage", "workflow").containsEntry("workflow", "smoke.nf");
        assertThat(r.metrics()).filteredOn(x -> x.key().equals("accuracy.pooled")).singleElement()
                .satisfies(x -> assertThat(x.value()).isEqualTo(0.75));
        assertThat(r.artifacts()).containsKeys("smoke.yaml", "summary.md", "report/summary.md", "report/index.html");

        // the science view: an experiment tag as MLflow's UI saves a view, over the candidates of both score runs
        Path tag = store.resolve(r.experimentId()).resolve("tags").resolve(ScienceView.TAG);
        JsonNode envelope = Json.mapper().readTree(Files.readString(tag));
        assertThat(envelope.get("name").asText()).isEqualTo("sgeo science");
        JsonNode state = Json.mapper().readTree(envelope.get("state").asText());
        List<String> columns = new java.util.ArrayList<>();
        state.get("selectedColumns").forEach(c -> columns.add(c.asText()));
        assertThat(columns).containsExactly("tags.`trained_potential`", "tags.`architecture`", "tags.`seed`",
                "tags.`identified`", "tags.`identified_correct`", "metrics.`delta_cdf.2-norm`", "metrics.`delta_cdf.3-norm`",
                "metrics.`delta_cdf.negative_entropy`", "metrics.`chosen_lr`", "params.`lr`", "metrics.`test_accuracy_after`");
        assertThat(state.get("searchFilter").asText()).isEqualTo("tags.identified LIKE '%' and tags.stage != 'score-pair'");
        assertThat(r.tags()).containsEntry(TrackingKeys.SCIENCE_VIEW, "/#/experiments/" + r.experimentId()
                + "/runs?viewStateShareKey=sgeo-science&workflowType=machine_learning");
    }
}
