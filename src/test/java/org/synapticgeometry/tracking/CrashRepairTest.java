package org.synapticgeometry.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.testing.Cli;

/**
 * Statuses stay truthful when a stage process dies: SIGTERM (what Nextflow and schedulers send)
 * ends the run KILLED through the shutdown hook; SIGKILL leaves it RUNNING until
 * {@code sgeo tracking sync} sees the process is gone and marks it KILLED.
 */
class CrashRepairTest {
    @TempDir
    Path work;

    private Process stage(Path store) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                HangingStage.class.getName(), work.resolve("out").toString()));
        pb.environment().put(TrackingKeys.ENV_URI, store.toUri().toString());
        pb.environment().put(TrackingKeys.ENV_EXPERIMENT, "crash");
        pb.environment().remove(TrackingKeys.ENV_PARENT);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    private static String waitForRun(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        assertThat(line).as("child stage output").startsWith("started ");
        return line.substring("started ".length());
    }

    /** Starts the hanging stage, waits for its run, then sends SIGKILL ({@code force}) or SIGTERM. */
    private String killedStage(Path store, boolean force) throws Exception {
        Process p = stage(store);
        String runId = waitForRun(p);
        if (force) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return runId;
    }

    @Test
    void sigtermEndsTheRunKilledThroughTheShutdownHook() throws Exception {
        Path store = work.resolve("mlruns");
        String runId = killedStage(store, false);
        StoredRun run = new FileStore(store).readRun(runId);
        assertThat(run.status()).isEqualTo("KILLED");
        assertThat(run.endTime()).isNotNull();
        assertThat(RunRecord.read(work.resolve("out/run.json")).status()).isEqualTo("KILLED");
        assertThat(run.artifacts()).containsKey("run.json");
    }

    @Test
    void sigkillLeavesRunningWhichSyncRepairsOnce() throws Exception {
        Path store = work.resolve("mlruns");
        String runId = killedStage(store, true);
        FileStore fs = new FileStore(store);
        assertThat(fs.readRun(runId).status()).isEqualTo("RUNNING");
        assertThat(Files.exists(work.resolve("out/run.json"))).isFalse();

        Cli first = Cli.run("tracking", "sync", "--from", store.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("repaired: run " + runId + " (hang s1) was left RUNNING by a dead process;"
                + " marked KILLED").contains("1 crashed runs marked KILLED");
        StoredRun run = fs.readRun(runId);
        assertThat(run.status()).isEqualTo("KILLED");
        assertThat(run.endTime()).isGreaterThanOrEqualTo(run.startTime());
        assertThat(run.metrics()).extracting(MetricPoint::key).containsExactly("train.loss");
        assertThat(Cli.run("tracking", "sync", "--from", store.toString()).out()).contains("0 crashed runs marked KILLED");
    }
}
