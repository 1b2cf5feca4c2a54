package org.synapticgeometry.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's cpus and memory reach its sgeo JVM: a real linear-regression task (real Nextflow, real
 * stage, through workflows/bin/sgeo and bin/sgeo) given {@code cpus = 1, memory = 2.GB} runs with one
 * compute thread and a heap below 2 GB, read back from the stage's run.json.
 */
class TaskResourcesTest {
    private static final Path MAIN = Path.of("workflows/main.nf").toAbsolutePath();

    @TempDir
    Path launchDir;

    @BeforeAll
    static void engineInstalled() {
        assumeTrue(Files.isDirectory(Path.of("target/nextflow")),
                "Nextflow engine missing: run mvn -q -f workflows/engine/pom.xml package (ci/test.sh does)");
    }

    @Test
    void taskCpusAndMemoryBecomeTheJvmsThreadsAndHeap() throws IOException {
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
        Map<String, String> env = Map.of("SGEO_CLASSPATH", System.getProperty("java.class.path"),
                "MLFLOW_TRACKING_URI", launchDir.resolve("mlruns").toUri().toString());
        int code = NextflowEngine.locate().run(run.nextflowArgs(), launchDir, env, new PrintWriter(out), new PrintWriter(out));
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("sgeo: done; results: results").doesNotContain("report/index.html");

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
}
