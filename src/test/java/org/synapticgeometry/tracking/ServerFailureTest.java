package org.synapticgeometry.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tracker does when the server misbehaves: bounded retries with backoff, then the run
 * moves to the local store under the same id with every record; client errors fail with the
 * server's message; credentials are sent but never written anywhere.
 */
class ServerFailureTest {
    private static final String TOKEN = "tok-SECRET-4711";
    private static final String PASSWORD = "pw-SECRET-0815";

    @TempDir
    Path work;
    private FakeMlflowServer fake;
    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        fake = new FakeMlflowServer();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private TrackingConfig config(Map<String, String> extra, Duration readTimeout) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(TrackingKeys.ENV_URI, fake.uri(),
                TrackingKeys.ENV_SPOOL, work.resolve("spool").toString(), TrackingKeys.ENV_EXPERIMENT, "e"));
        env.putAll(extra);
        return TrackingConfig.fromEnv(env).withWarn(new PrintStream(warnings, true, StandardCharsets.UTF_8))
                .withServer(ServerSettings.fromEnv(env, TrackingUri.parse(fake.uri()))
                        .withTiming(Duration.ofSeconds(2), readTimeout, 3, Duration.ofMillis(100)));
    }

    @Test
    void serverFailingMidRunSpoolsEveryRecordLocallyAndCredentialsAreNeverWritten() throws IOException {
        fake.script(r -> r.path().endsWith("log-batch") && fake.requests().stream()
                .filter(q -> q.path().endsWith("log-batch")).count() > 1
                ? new FakeMlflowServer.Answer(503, "{\"error_code\":\"TEMPORARILY_UNAVAILABLE\",\"message\":\"busy\"}", 0)
                : null);
        Path out = Files.createDirectories(work.resolve("out"));
        Path input = Files.writeString(work.resolve("in.npz"), "in");
        String runId = StageFixture.run(config(Map.of(TrackingKeys.ENV_USER, "ann", TrackingKeys.ENV_PASSWORD, PASSWORD,
                TrackingKeys.ENV_TOKEN, TOKEN), Duration.ofSeconds(5)), out, input);

        assertThat(runId).isEqualTo(FakeMlflowServer.RUN_ID);
        List<FakeMlflowServer.Request> failed = fake.requests().stream().filter(q -> q.path().endsWith("log-batch")).skip(1).toList();
        assertThat(failed).as("3 attempts, then no more server calls").hasSize(3);
        long gap1 = (failed.get(1).nanos() - failed.get(0).nanos()) / 1_000_000;
        long gap2 = (failed.get(2).nanos() - failed.get(1).nanos()) / 1_000_000;
        assertThat(gap1).as("first backoff").isGreaterThanOrEqualTo(100);
        assertThat(gap2).as("doubled backoff").isGreaterThanOrEqualTo(200);
        assertThat(fake.requests()).allSatisfy(q -> assertThat(q.authorization()).isEqualTo("Basic "
                + java.util.Base64.getEncoder().encodeToString(("ann:" + PASSWORD).getBytes(StandardCharsets.UTF_8))));
        String warned = warnings.toString(StandardCharsets.UTF_8);
        assertThat(warned).contains("failed to log-batch after 3 attempts: HTTP 503 TEMPORARILY_UNAVAILABLE: busy")
                .contains("run " + runId + " continues in the local store");

        FileStore spool = new FileStore(work.resolve("spool"));
        StoredRun local = spool.readRun(runId);
        assertThat(local.status()).isEqualTo("FINISHED");
        assertThat(local.params()).containsAllEntriesOf(StageFixture.params());
        assertThat(local.tags()).containsEntry(TrackingKeys.SPOOLED_FROM, fake.uri()).containsEntry("stage", "finetune-per-map");
        assertThat(local.metrics().stream().filter(m -> m.key().equals("train.loss")).map(MetricPoint::step))
                .containsExactly(0L, 1L, 2L);
        assertThat(local.artifacts()).containsOnlyKeys("scores.csv", "plots/cdf.png", "run.json");
        assertThat(RunRecord.read(out.resolve("run.json")).tracking()).containsEntry("spooled_to",
                work.resolve("spool").toUri().toString());
        assertNoSecretIn(work);
        assertThat(warned).doesNotContain("SECRET");
    }

    @Test
    void slowServerTimesOutAndTheRunIsSpooled() throws IOException {
        fake.script(r -> r.path().endsWith("runs/create") ? new FakeMlflowServer.Answer(200, "{}", 3000) : null);
        long t0 = System.nanoTime();
        try (TrackedRun run = Tracking.startStage(config(Map.of(), Duration.ofMillis(300)), "score", null,
                Map.of("a", "1"), Map.of())) {
            run.logMetric("m", 1.0, 0);
            assertThat(new FileStore(work.resolve("spool")).readRun(run.runId()).params()).containsEntry("a", "1");
        }
        assertThat((System.nanoTime() - t0) / 1e9).as("bounded by timeouts and backoff").isLessThan(2.9);
        assertThat(warnings.toString(StandardCharsets.UTF_8)).contains("failed to create run after 3 attempts")
                .contains("SocketTimeoutException");
    }

    @Test
    void aRefusedBatchIsSentOnceAndTheRunMovesToTheLocalStoreWithTheServersMessage() {
        fake.script(r -> r.path().endsWith("log-batch")
                ? new FakeMlflowServer.Answer(400, "{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"Changing param values is not allowed. Param with key='a' was already logged\"}", 0)
                : null);
        String runId;
        try (TrackedRun run = Tracking.startStage(config(Map.of(), Duration.ofSeconds(5)), "score", null,
                Map.of("a", "1"), Map.of())) {
            runId = run.runId();
            run.logMetric("m", 2.0, 0);
        }
        assertThat(fake.requests().stream().filter(q -> q.path().endsWith("log-batch")).count()).isEqualTo(1);
        assertThat(warnings.toString(StandardCharsets.UTF_8)).contains("MLflow server " + fake.uri()
                + " rejected log-batch: HTTP 400 INVALID_PARAMETER_VALUE: Changing param values is not allowed."
                + " Param with key='a'").contains("run " + runId + " continues in the local store");
        StoredRun local = new FileStore(work.resolve("spool")).readRun(runId);
        assertThat(local.params()).containsEntry("a", "1");
        assertThat(local.metrics()).extracting(MetricPoint::value).containsExactly(2.0);
        assertThat(local.status()).isEqualTo("FINISHED");
    }

    /** A stage run's artifact the server lists but then answers 404 for: bad input naming the run and file. */
    @Test
    void anArtifactListedButNotServedMakesTheReproductionUnreadable() {
        String child = "fedcba9876543210fedcba9876543210";
        fake.script(r -> {
            if (r.path().endsWith("runs/search")) {
                return new FakeMlflowServer.Answer(200, "{\"runs\":[{\"info\":{\"run_id\":\"" + child
                        + "\",\"experiment_id\":\"1\"}}]}", 0);
            }
            if (r.path().endsWith("artifacts/list")) {
                return new FakeMlflowServer.Answer(200, "{\"files\":[{\"path\":\"scores/scores.csv\",\"is_dir\":false,"
                        + "\"file_size\":12}]}", 0);
            }
            return r.path().endsWith("get-artifact") ? new FakeMlflowServer.Answer(404,
                    "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"File not found\"}", 0) : null;
        });
        TrackedReproduction.Parent parent = new TrackedReproduction.Parent(FakeMlflowServer.RUN_ID, "1", "smoke",
                Map.of("stage", "workflow"));
        try (TrackedReproduction reproduction = TrackedReproduction.open(Map.of(TrackingKeys.ENV_URI, fake.uri()))) {
            assertThatThrownBy(() -> reproduction.childFiles(parent, name -> name.equals("scores.csv")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("mlflow:" + FakeMlflowServer.RUN_ID + ": stage run " + child
                            + " lists artifact 'scores/scores.csv' but the server cannot serve it")
                    .hasMessageContaining("HTTP 404");
        }
        assertThat(fake.requests().stream().filter(q -> q.path().endsWith("get-artifact")).count()).isEqualTo(1);
    }

    private static void assertNoSecretIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(text).as(f.toString()).doesNotContain("SECRET").doesNotContain("YW5uOnB3");
            }
        }
    }
}
