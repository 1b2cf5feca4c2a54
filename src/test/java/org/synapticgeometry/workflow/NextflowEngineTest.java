package org.synapticgeometry.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded real Nextflow runs the project's workflow wiring (stub mode: each module's
 * {@code stub:} block), {@code -resume} really reuses every task, and a failing stage's own
 * message reaches the user. Needs the engine jars (ci/test.sh installs them first).
 */
class NextflowEngineTest {
    private static final Path MAIN = Path.of("workflows/main.nf").toAbsolutePath();

    @TempDir
    Path launchDir;

    @BeforeAll
    static void engineInstalled() {
        assumeTrue(Files.isDirectory(Path.of("target/nextflow")),
                "Nextflow engine missing: run mvn -q -f workflows/engine/pom.xml package (ci/test.sh does)");
    }

    private Path params() throws IOException {
        Path p = launchDir.resolve("tiny.yaml");
        Files.writeString(p, String.join("\n", "outdir: " + launchDir.resolve("results"),
                "architectures: [mlp-16]", "trained_potentials: [2-norm, 3-norm]", "seeds: [1]",
                "linreg_params: " + Path.of("params/smoke.yaml").toAbsolutePath(), ""));
        return p;
    }

    private String run(List<String> extra, Map<String, String> env, int expectedCode) throws IOException {
        List<String> args = new ArrayList<>(List.of(MAIN.toString(), "-params-file", params().toString()));
        args.addAll(extra);
        WorkflowRun run = WorkflowRun.prepare(args);
        StringWriter out = new StringWriter();
        int code = NextflowEngine.locate().run(run.nextflowArgs(), launchDir, env, new PrintWriter(out), new PrintWriter(out));
        assertThat(code).as(out.toString()).isEqualTo(expectedCode);
        return out.toString();
    }

    @Test
    void stubRunWiresEveryStageAndResumeReusesEveryTask() throws IOException {
        String first = run(List.of("-stub-run"), Map.of(), 0);
        // 1 pretraining, its init snapshot, 2 fine-tunings and final snapshots, linreg, 2 scores, report
        assertThat(first).contains("sgeo: done; report:");
        assertThat(launchDir.resolve("results/report/index.html")).exists();
        assertThat(launchDir.resolve("results/deep/scores/identification.json")).exists();
        assertThat(launchDir.resolve("results/linreg/scores/scores.csv")).exists();
        assertThat(launchDir.resolve("results/pipeline_info/software_versions.yml")).exists();
        assertThat(launchDir.resolve("results/deep/mlp-16-2-norm-s1/finetuned/train.json")).content().contains("2-norm");

        String second = run(List.of("-stub-run", "-resume"), Map.of(), 0);
        long cached = second.lines().filter(l -> l.contains("Cached process")).count();
        assertThat(cached).as(second).isEqualTo(10);
        assertThat(second).doesNotContain("Submitted process");
    }

    /**
     * A run killed while Nextflow copied outputs leaves truncated or missing files in outdir (seen in
     * CI's SIGKILL check); -resume re-publishes every cached task's outputs over them.
     */
    @Test
    void resumeRepublishesOutputsDamagedByAKillDuringPublishing() throws IOException {
        run(List.of("-stub-run"), Map.of(), 0);
        Path train = launchDir.resolve("results/deep/mlp-16-2-norm-s1/finetuned/train.json");
        Path identification = launchDir.resolve("results/deep/scores/identification.json");
        String trainText = Files.readString(train);
        String identificationText = Files.readString(identification);
        Files.writeString(train, "");
        Files.delete(identification);
        String resumed = run(List.of("-stub-run", "-resume"), Map.of(), 0);
        assertThat(resumed.lines().filter(l -> l.contains("Cached process")).count()).as(resumed).isEqualTo(10);
        assertThat(train).hasContent(trainText);
        assertThat(identification).hasContent(identificationText);
    }

    /** The sgeo build is part of every task's cache key: after a code change -resume re-runs everything. */
    @Test
    void resumeRerunsEveryTaskWhenTheSgeoBuildChanges() throws IOException {
        run(List.of("-stub-run", "--sgeo_build", "build-a"), Map.of(), 0);
        String same = run(List.of("-stub-run", "-resume", "--sgeo_build", "build-a"), Map.of(), 0);
        assertThat(same.lines().filter(l -> l.contains("Cached process")).count()).as(same).isEqualTo(10);
        String changed = run(List.of("-stub-run", "-resume", "--sgeo_build", "build-b"), Map.of(), 0);
        assertThat(changed).as(changed).doesNotContain("Cached process");
        assertThat(changed.lines().filter(l -> l.contains("Submitted process")).count()).isEqualTo(10);
    }

    /** sgeo run names its own build (16 hex digits) unless the params give one. */
    @Test
    void runPassesTheBuildIdentityUnlessGiven() throws IOException {
        List<String> args = WorkflowRun.prepare(List.of(MAIN.toString(), "-params-file", params().toString())).nextflowArgs();
        int at = args.indexOf("--sgeo_build");
        assertThat(at).isPositive();
        assertThat(args.get(at + 1)).matches("[0-9a-f]{16}");
        List<String> given = WorkflowRun.prepare(List.of(MAIN.toString(), "-params-file", params().toString(),
                "--sgeo_build", "mine")).nextflowArgs();
        assertThat(given.stream().filter("--sgeo_build"::equals).count()).isEqualTo(1);
        assertThat(given.get(given.indexOf("--sgeo_build") + 1)).isEqualTo("mine");
    }

    @Test
    void failingStageSurfacesItsOwnMessageAndExitCode() throws IOException {
        Path fake = launchDir.resolve("fake-sgeo");
        Files.writeString(fake, "#!/usr/bin/env bash\necho \"sgeo $1: --params: bad value (the stage's message)\" >&2\nexit 2\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        String out = run(List.of(), Map.of("SGEO_LAUNCHER", fake.toString()), 1);
        assertThat(out).contains("Error executing process > 'SGEO:REPRODUCE:")
                .contains("bad value (the stage's message)")
                .contains("Command exit status:\n  2");
        assertThat(launchDir.resolve("results/report")).doesNotExist();
    }
}
