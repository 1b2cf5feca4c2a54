package org.synapticgeometry.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.testing.Fixtures;
import org.synapticgeometry.tracking.FileStore;
import org.synapticgeometry.tracking.StoredRun;
import org.synapticgeometry.tracking.TrackingKeys;

/**
 * The launcher owns its engine: a real {@code bin/sgeo run} (tasks run a stand-in for the stages
 * that writes their outputs at once, but holds fine-tuning in a sleep) is sent SIGINT, SIGTERM or
 * SIGKILL, the launcher alone. Nextflow and its tasks must stop
 * (no process is left in the launch folder); SIGINT/SIGTERM end the parent run KILLED; after a
 * SIGKILL the next {@code -resume} marks the left-over parent run KILLED, reuses the finished tasks
 * and succeeds (no stale lock).
 */
class LauncherSignalsTest {
    private static final long WAIT_MS = 120_000;

    @TempDir
    Path launchDir;

    @BeforeAll
    static void engineInstalled() {
        Fixtures.assumeNextflowEngine();
    }

    private Process launch(String log, String... extra) throws IOException {
        Files.writeString(launchDir.resolve("tiny.yaml"),
                "architectures: [mlp-16]\ntrained_potentials: [2-norm]\nseeds: [1]\nreport: false\n");
        Path stage = launchDir.resolve("stage-stand-in");
        Files.writeString(stage, String.join("\n", "#!/usr/bin/env bash",
                "out=''; prev=''; for a in \"$@\"; do [[ $prev == --out ]] && out=$a; prev=$a; done",
                "case $1 in",
                "  finetune-per-map) sleep \"$(cat " + launchDir.resolve("delay") + ")\"; mkdir -p $out; echo '{}' > $out/train.json;;",
                "  pretrain-load) mkdir -p $out; echo '{}' > $out/model.json;;",
                "  snapshot) touch $out ${out%.npz}.json;;",
                "  score) mkdir -p $out; echo '{}' > $out/identification.json;;",
                "esac", ""));
        Files.setPosixFilePermissions(stage, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> cmd = new ArrayList<>(List.of(Path.of("bin/sgeo").toAbsolutePath().toString(), "run",
                Path.of("workflows/main.nf").toAbsolutePath().toString(), "-params-file", "tiny.yaml"));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(launchDir.toFile()).redirectErrorStream(true)
                .redirectOutput(launchDir.resolve(log).toFile());
        pb.environment().put("SGEO_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("SGEO_LAUNCHER", stage.toString());
        pb.environment().remove("MLFLOW_TRACKING_URI");
        return pb.start();
    }

    /** Starts a run and waits until pretraining has finished and fine-tuning sleeps. */
    private Process startAndWaitForFinetuning() throws Exception {
        Files.writeString(launchDir.resolve("delay"), "600");
        Process launcher = launch("first.log");
        waitFor(() -> Files.readString(launchDir.resolve("first.log")).contains("Submitted process > SGEO:REPRODUCE:DEEP_NETWORKS:FINETUNE_PER_MAP")
                && sleepingTask(), "fine-tuning to start", launcher);
        return launcher;
    }

    private boolean sleepingTask() {
        return processesInLaunchDir().stream().anyMatch(h -> h.info().command().orElse("").endsWith("sleep"));
    }

    /** Every live process whose working folder is the launch folder or below (launcher, Nextflow, tasks). */
    private List<ProcessHandle> processesInLaunchDir() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(h -> {
            try {
                return Files.readSymbolicLink(Path.of("/proc", Long.toString(h.pid()), "cwd")).startsWith(launchDir);
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }).collect(Collectors.toList());
    }

    private void assertEverythingStopped(String log) throws Exception {
        waitFor(() -> processesInLaunchDir().isEmpty(), "every process of the run to end", null);
        assertThat(processesInLaunchDir()).as(Files.readString(launchDir.resolve(log))).isEmpty();
    }

    private Map<String, String> parentStatuses() {
        FileStore store = new FileStore(launchDir.resolve("mlruns"));
        return store.experiments().keySet().stream().flatMap(e -> store.runIds(e).stream()).map(store::readRun)
                .filter(r -> "workflow".equals(r.tags().get(TrackingKeys.STAGE)))
                .collect(Collectors.toMap(StoredRun::runName, StoredRun::status));
    }

    private void signalled(String signal) throws Exception {
        Process launcher = startAndWaitForFinetuning();
        new ProcessBuilder("kill", "-" + signal, Long.toString(launcher.pid())).inheritIO().start().waitFor();
        if (!launcher.waitFor(WAIT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            launcher.destroyForcibly().waitFor();
            throw new AssertionError("sgeo run did not stop within " + WAIT_MS / 1000 + " s of SIG" + signal + ": "
                    + Files.readString(launchDir.resolve("first.log")));
        }
        assertEverythingStopped("first.log");
        String log = Files.readString(launchDir.resolve("first.log"));
        assertThat(log).contains("sgeo run: stopped; Nextflow ended its tasks");
        assertThat(parentStatuses()).as(log).hasSize(1).containsValue("KILLED");
        assertThat(launchDir.resolve(ParentRun.NOTES)).isEmptyDirectory();
    }

    @Test
    void sigintStopsNextflowAndItsTasksAndEndsTheParentRunKilled() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(sigintIgnored(),
                "SIGINT is ignored by this process (started in the background by a shell), and so by every child");
        signalled("INT");
    }

    @Test
    void sigtermStopsNextflowAndItsTasksAndEndsTheParentRunKilled() throws Exception {
        signalled("TERM");
    }

    @Test
    void sigkillStopsNextflowAndTheNextResumeRepairsTheParentRunAndReusesTasks() throws Exception {
        Process launcher = startAndWaitForFinetuning();
        launcher.destroyForcibly().waitFor();
        assertEverythingStopped("first.log");
        assertThat(parentStatuses()).hasSize(1).containsValue("RUNNING");

        Files.writeString(launchDir.resolve("delay"), "0");
        Process resumed = launch("resumed.log", "-resume");
        assertThat(resumed.waitFor(WAIT_MS * 3, java.util.concurrent.TimeUnit.MILLISECONDS)).as("resume finished").isTrue();
        assertThat(resumed.exitValue()).as(Files.readString(launchDir.resolve("resumed.log"))).isZero();
        String log = Files.readString(launchDir.resolve("resumed.log"));
        assertThat(log).contains("a launcher killed earlier in this folder was left RUNNING; marked KILLED")
                .contains("Cached process > SGEO:REPRODUCE:DEEP_NETWORKS:PRETRAIN_LOAD");
        assertThat(parentStatuses()).hasSize(2).containsValues("KILLED", "FINISHED");
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Whether this JVM inherited SIGINT as ignored (bit 2 of SigIgn): its children would ignore it too. */
    private static boolean sigintIgnored() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("SigIgn:"))
                .map(l -> Long.parseLong(l.substring(7).trim(), 16)).anyMatch(mask -> (mask & 0b10) != 0);
    }

    private void waitFor(Condition c, String what, Process mustLive) throws Exception {
        long end = System.currentTimeMillis() + WAIT_MS;
        while (!c.holds()) {
            if (mustLive != null && !mustLive.isAlive()) {
                throw new AssertionError("the run ended before " + what + ": "
                        + Files.readString(launchDir.resolve("first.log")));
            }
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
