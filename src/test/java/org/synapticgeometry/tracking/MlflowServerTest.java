package org.synapticgeometry.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.cli.Sgeo;

/**
 * Against a real {@code mlflow server} (3.17.2 from the test venv, SQLite backend): runs written by
 * our Java code are read back with MLflow's Python client, an outage mid-run is recovered by
 * {@code sgeo tracking sync}, and sync is idempotent.
 */
@Tag("mlflow")
class MlflowServerTest {
    @RegisterExtension
    static final MlflowServer server = new MlflowServer();

    @TempDir
    Path work;

    private TrackingConfig config(String experiment, String parent, ByteArrayOutputStream warnings) {
        Map<String, String> env = new HashMap<>(Map.of(TrackingKeys.ENV_URI, server.uri() + "/",
                TrackingKeys.ENV_EXPERIMENT, experiment, TrackingKeys.ENV_SPOOL, work.resolve("spool").toString(),
                TrackingKeys.ENV_NF_RUN, "tiny_curie", TrackingKeys.ENV_NF_TASK, "ab/cdef12"));
        if (parent != null) {
            env.put(TrackingKeys.ENV_PARENT, parent);
        }
        return TrackingConfig.fromEnv(env).withWarn(new PrintStream(warnings, true, StandardCharsets.UTF_8))
                .withServer(ServerSettings.defaults().withTiming(Duration.ofSeconds(2), Duration.ofSeconds(10), 2,
                        Duration.ofMillis(100)));
    }

    @Test
    void stageRunUnderWorkflowParentReadsBackInMlflow() throws Exception {
        String exp = "it-" + UUID.randomUUID();
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        String parent = Tracking.startParent(config(exp, null, warnings), "tiny_curie", Map.of());
        Path out = Files.createDirectories(work.resolve("out"));
        Path input = Files.writeString(work.resolve("weights.npz"), "input bytes");
        String child = StageFixture.run(config(exp, parent, warnings), out, input);
        Tracking.endRun(config(exp, null, warnings), parent, RunStatus.FINISHED);

        JsonNode dump = MlflowPeer.dump(server.uri(), exp, "params.learning_rate = '0.01' and tags.stage = 'finetune-per-map'");
        assertThat(dump.get("filtered").asInt()).isEqualTo(1);
        JsonNode c = dump.at("/runs/" + child);
        assertThat(c.get("status").asText()).isEqualTo("FINISHED");
        assertThat(c.get("name").asText()).isEqualTo("finetune-per-map 3-norm mlp s7");
        assertThat(c.at("/params/learning_rate").asText()).isEqualTo("0.01");
        assertThat(c.at("/params/epochs").asText()).isEqualTo("3");
        assertThat(c.at("/tags/stage").asText()).isEqualTo("finetune-per-map");
        assertThat(c.at("/tags/potential").asText()).isEqualTo("3-norm");
        assertThat(c.at("/tags/architecture").asText()).isEqualTo("mlp");
        assertThat(c.at("/tags/seed").asText()).isEqualTo("7");
        assertThat(c.at("/tags/nextflow.run_name").asText()).isEqualTo("tiny_curie");
        assertThat(c.at("/tags/nextflow.task_hash").asText()).isEqualTo("ab/cdef12");
        assertThat(c.at("/tags/mlflow.source.git.commit").asText()).isNotBlank();
        assertThat(c.at("/tags/mlflow.parentRunId").asText()).isEqualTo(parent);
        JsonNode loss = c.at("/history/train.loss");
        assertThat(loss.size()).isEqualTo(StageFixture.EPOCHS);
        for (int e = 0; e < StageFixture.EPOCHS; e++) {
            assertThat(loss.get(e).get(0).asInt()).isEqualTo(e);
            assertThat(loss.get(e).get(1).asDouble()).isEqualTo(StageFixture.loss(e));
        }
        assertThat(c.at("/metrics/score.delta_cdf~13-norm").asDouble()).isEqualTo(0.0123);
        assertThat(c.at("/metrics/score.delta_cdf~12-norm").asDouble()).isNaN();
        JsonNode arts = c.get("artifacts");
        assertThat(arts.get("scores.csv").asText()).isEqualTo(Provenance.sha256(out.resolve("scores.csv")));
        assertThat(arts.get("plots/cdf.png").asText()).isEqualTo(Provenance.sha256(out.resolve("plots/cdf.png")));
        assertThat(arts.get("run.json").asText()).isEqualTo(Provenance.sha256(out.resolve("run.json")));
        RunRecord record = RunRecord.read(out.resolve("run.json"));
        assertThat(record.runId()).isEqualTo(child);
        assertThat(record.inputs()).extracting(RunRecord.FileHash::sha256).containsExactly(Provenance.sha256(input));
        assertThat(record.outputs()).extracting(RunRecord.FileHash::path).containsExactly("scores.csv", "plots/cdf.png");
        JsonNode p = dump.at("/runs/" + parent);
        assertThat(p.get("status").asText()).isEqualTo("FINISHED");
        assertThat(p.at("/tags/stage").asText()).isEqualTo("workflow");
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void serverStoppedMidRunLosesNothingAndSyncIsIdempotent() throws Exception {
        String exp = "outage-" + UUID.randomUUID();
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        Path out = Files.createDirectories(work.resolve("out"));
        String runId;
        try (TrackedRun run = Tracking.startStage(config(exp, null, warnings), "finetune-per-map", out,
                StageFixture.params(), StageFixture.tags())) {
            runId = run.runId();
            StageFixture.epochs(run, 0, 1);
            server.stop();
            StageFixture.epochs(run, 1, StageFixture.EPOCHS);
            StageFixture.finish(run, out);
        } finally {
            server.start();
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).contains("after 2 attempts")
                .contains("continues in the local store").contains("sgeo tracking sync");
        String first = sync();
        assertThat(first).contains("run " + runId).contains("-> " + runId).contains("status FINISHED (set)");
        String second = sync();
        assertThat(second).contains("+0 params, +0 tags, +0 metric points, +0 artifacts")
                .contains("0 records and 0 artifacts sent");

        JsonNode r = MlflowPeer.dump(server.uri(), exp, "tags.stage = 'finetune-per-map'").at("/runs/" + runId);
        assertThat(r.get("status").asText()).isEqualTo("FINISHED");
        assertThat(r.at("/history/train.loss").size()).isEqualTo(StageFixture.EPOCHS);
        assertThat(r.at("/history/train.accuracy").size()).isEqualTo(StageFixture.EPOCHS);
        assertThat(r.at("/params/seed").asText()).isEqualTo("7");
        assertThat(r.at("/tags/sgeo.spooled_from").asText()).isEqualTo(server.uri());
        assertThat(r.get("artifacts").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("scores.csv", "plots/cdf.png", "run.json");
        assertThat(r.at("/artifacts/run.json").asText()).isEqualTo(Provenance.sha256(out.resolve("run.json")));
    }

    @Test
    void syncPushesAWholeLocalStoreOnceWithParentLinks() throws Exception {
        String exp = "local-" + UUID.randomUUID();
        Path store = work.resolve("mlruns");
        Map<String, String> env = Map.of(TrackingKeys.ENV_URI, store.toUri().toString(), TrackingKeys.ENV_EXPERIMENT, exp);
        String parent = Tracking.startParent(TrackingConfig.fromEnv(env), "local_run", Map.of());
        Map<String, String> childEnv = new HashMap<>(env);
        childEnv.put(TrackingKeys.ENV_PARENT, parent);
        Path out = Files.createDirectories(work.resolve("out"));
        String child = StageFixture.run(TrackingConfig.fromEnv(childEnv), out, Files.writeString(work.resolve("in"), "x"));
        Tracking.endRun(TrackingConfig.fromEnv(env), parent, RunStatus.FINISHED);

        StringWriter log = new StringWriter();
        assertThat(Sgeo.execute(new PrintWriter(log), new PrintWriter(new StringWriter()), "tracking", "sync",
                "--from", store.toString(), "--to", server.uri())).isZero();
        assertThat(log.toString()).contains("2 runs checked, 2 created");
        assertThat(sync(store)).contains("2 runs checked, 0 created, 0 records and 0 artifacts sent");

        JsonNode runs = MlflowPeer.dump(server.uri(), exp, "tags.`sgeo.origin_run_id` = '" + child + "'").get("runs");
        assertThat(runs.size()).isEqualTo(2);
        String remoteParent = null;
        String remoteChildParent = null;
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) runs::fields) {
            if (e.getValue().at("/tags/sgeo.origin_run_id").asText().equals(parent)) {
                remoteParent = e.getKey();
            } else {
                remoteChildParent = e.getValue().at("/tags/mlflow.parentRunId").asText();
                assertThat(e.getValue().at("/history/train.loss").size()).isEqualTo(StageFixture.EPOCHS);
                assertThat(e.getValue().get("artifacts").size()).isEqualTo(3);
            }
        }
        assertThat(remoteChildParent).isEqualTo(remoteParent).isNotEqualTo(parent);
    }

    @Test
    void realLinregStageRunThroughTheCliIsAChildRunOfTheWorkflow() throws Exception {
        String exp = "linreg-" + UUID.randomUUID();
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        String parent = Tracking.startParent(config(exp, null, warnings), "tiny_curie", Map.of());
        Path params = Files.writeString(work.resolve("linreg.yaml"), String.join("\n", "seed: 0", "seeds: 1",
                "trained_potentials: [2-norm]", "candidates: [2-norm, 3-norm]", "dims: [20]", "k: [0.5]", "power: [2]",
                "correlation_scale: 1.0", "input_noise: 0.5", "momentum: 0.9", "lr_min: 0.01", "lr_max: 0.1",
                "lr_count: 2", "steps: 5", "extra_steps: 0", "max_attempts: 1", "target_loss: 1.0e-3", ""));
        Path out = work.resolve("out");
        org.synapticgeometry.testing.Cli linreg = server.sgeo(Map.of(TrackingKeys.ENV_EXPERIMENT, exp,
                TrackingKeys.ENV_PARENT, parent, TrackingKeys.ENV_NF_RUN, "tiny_curie", TrackingKeys.ENV_NF_TASK, "3f/9a0b1c"),
                "linreg", "--params", params.toString(), "--out", out.toString());
        assertThat(linreg.code()).as(linreg.err()).isZero();
        Tracking.endRun(config(exp, null, warnings), parent, RunStatus.FINISHED);

        JsonNode runs = MlflowPeer.dump(server.uri(), exp, "tags.stage = 'linreg'").get("runs");
        RunRecord record = RunRecord.read(out.resolve("run.json"));
        JsonNode r = runs.get(record.runId());
        assertThat(r.get("status").asText()).isEqualTo("FINISHED");
        assertThat(r.at("/tags/mlflow.parentRunId").asText()).isEqualTo(parent);
        assertThat(r.at("/tags/nextflow.task_hash").asText()).isEqualTo("3f/9a0b1c");
        assertThat(r.at("/params/candidates").asText()).isEqualTo("2-norm,3-norm");
        assertThat(r.at("/params/seed").asText()).isEqualTo("0");
        JsonNode cell = null;
        for (JsonNode run : runs) {
            if (record.runId().equals(run.at("/tags/mlflow.parentRunId").asText())) {
                assertThat(cell).as("one cell, one child run").isNull();
                cell = run;
            }
        }
        assertThat(cell.get("name").asText()).isEqualTo("linreg 2-norm k0.5 power2 d20");
        assertThat(cell.at("/tags/stage").asText()).isEqualTo("linreg-cell");
        assertThat(cell.at("/params/d").asText()).isEqualTo("20");
        assertThat(cell.at("/metrics/runs").asDouble()).isEqualTo(1.0);
        assertThat(cell.get("history").fieldNames()).toIterable().contains("identified_fraction", "delta_cdf.2-norm",
                "delta_cdf.3-norm", "identified_count.2-norm");
        assertThat(cell.at("/history/delta_cdf.3-norm")).hasSize(1);
        assertThat(r.get("artifacts").fieldNames()).toIterable().contains("linreg.csv", "linreg.json", "manifest.csv",
                "run.json", "snapshots/2-norm_k0.5_pow2_d20_s0/init.npz");
        assertThat(r.at("/artifacts/linreg.csv").asText()).isEqualTo(Provenance.sha256(out.resolve("linreg.csv")));
        assertThat(record.inputs()).extracting(RunRecord.FileHash::sha256).containsExactly(Provenance.sha256(params));
        assertThat(runs.at("/" + parent + "/status").asText()).isEqualTo("FINISHED");
        System.out.println("tracking overhead of sgeo linreg (tiny) on a local server: " + record.tracking());
    }

    private String sync() {
        return sync(work.resolve("spool"));
    }

    private String sync(Path store) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Sgeo.execute(new PrintWriter(out), new PrintWriter(err), "tracking", "sync", "--from",
                store.toString(), "--to", server.uri());
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

}
