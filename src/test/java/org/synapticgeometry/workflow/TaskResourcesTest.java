package org.synapticgeometry.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.files.Json;
import org.synapticgeometry.testing.Fixtures;

/**
 * One real linear-regression workflow (real Nextflow, real stages, through workflows/bin/sgeo and
 * bin/sgeo), then two checks on its tasks:
 * <ul>
 *   <li>a task's cpus and memory reach its sgeo JVM: LINREG, given {@code cpus = 1, memory = 2.GB}, runs with
 *       one compute thread and a heap below 2 GB, read back from the stage's run.json;</li>
 *   <li>a task run again in its own work folder succeeds: Nextflow 24.10 does that on {@code -resume} when
 *       the launcher was killed after the task finished but before Nextflow recorded it.</li>
 * </ul>
 */
class TaskResourcesTest {
    @TempDir
    static Path launchDir;
    private static Map<String, String> env;

    @BeforeAll
    static void runLinregWorkflow() throws IOException {
        Fixtures.assumeNextflowEngine();
        String linreg = Files.readString(Path.of("params/linreg-smoke.yaml"))
                .replace("seeds: 5", "seeds: 1").replace("dims: [100, 1000, 10000]", "dims: [100]")
                .replace("power: [2, 1]", "power: [2]").replace("lr_count: 16", "lr_count: 4");
        Files.writeString(launchDir.resolve("linreg.yaml"), linreg);
        Files.writeString(launchDir.resolve("run.yaml"), "outdir: results\nlinreg_params: linreg.yaml\nreport: false\n");
        Files.writeString(launchDir.resolve("small.config"),
                "process { withName: 'LINREG' { cpus = 1; memory = 2.GB } }\n");
        WorkflowRun run = WorkflowRun.prepare(List.of(Path.of("workflows/linreg.nf").toAbsolutePath().toString(),
                "-params-file", launchDir.resolve("run.yaml").toString(), "-c", "small.config"), launchDir);
        StringWriter out = new StringWriter();
        env = Map.of("SGEO_CLASSPATH", System.getProperty("java.class.path"),
                "MLFLOW_TRACKING_URI", launchDir.resolve("mlruns").toUri().toString());
        int code = NextflowEngine.locate().run(run.nextflowArgs(), launchDir, env, new PrintWriter(out), new PrintWriter(out));
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("sgeo: done; results: results").doesNotContain("report/index.html");
    }

    @Test
    void taskCpusAndMemoryBecomeTheJvmsThreadsAndHeap() throws IOException {
        JsonNode platform = new ObjectMapper().readTree(launchDir.resolve("results/linreg/run.json").toFile()).path("platform");
        assertThat(platform.path("cpus").asText()).as(platform.toString()).isEqualTo("1");
        assertThat(platform.path("torch_threads").asText()).isEqualTo("1");
        assertThat(platform.path("forkjoin_workers").asText()).isEqualTo("0");
        long heap = Long.parseLong(platform.path("heap_max_mb").asText());
        assertThat(heap).isLessThan(2048).isGreaterThan(1000);
        // SCORE kept the label's default (1 cpu, 6 GB): its heap is larger than LINREG's
        JsonNode score = new ObjectMapper().readTree(launchDir.resolve("results/linreg/scores/run.json").toFile());
        assertThat(Long.parseLong(score.path("platform").path("heap_max_mb").asText())).isGreaterThan(heap * 2);
    }

    @Test
    void aFinishedTaskRunAgainInItsWorkFolderSucceeds() throws IOException, InterruptedException {
        Path task;
        try (var dirs = Files.walk(launchDir.resolve("work"), 2)) {
            task = dirs.filter(d -> Files.isRegularFile(d.resolve(".command.sh")))
                    .filter(d -> read(d.resolve(".command.sh")).contains("sgeo linreg")).findFirst().orElseThrow();
        }
        assertThat(task.resolve("linreg/run.json")).exists();
        ProcessBuilder again = new ProcessBuilder("bash", ".command.run").directory(task.toFile())
                .redirectErrorStream(true).redirectOutput(task.resolve("again.log").toFile());
        again.environment().putAll(env);
        int code = again.start().waitFor();
        assertThat(code).as(read(task.resolve("again.log")) + read(task.resolve(".command.err"))).isZero();
        assertThat(Json.readTree(task.resolve("linreg/run.json"), "run.json").path("status").asText()).isEqualTo("FINISHED");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
