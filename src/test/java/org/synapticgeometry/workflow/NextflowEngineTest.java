package org.synapticgeometry.workflow;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.synapticgeometry.testing.Fixtures;

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
        Fixtures.assumeNextflowEngine();
    }

    private Path params() throws IOException {
        return params(true);
    }

    private Path params(boolean linreg) throws IOException {
        Path p = launchDir.resolve("tiny.yaml");
        Files.writeString(p, String.join("\n", "outdir: " + launchDir.resolve("results"),
                "architectures: [mlp-16]", "trained_potentials: [2-norm, 3-norm]", "seeds: [1]",
                linreg ? "linreg_params: " + Path.of("params/linreg-smoke.yaml").toAbsolutePath() : "", ""));
        return p;
    }

    private String run(List<String> extra, Map<String, String> env, int expectedCode) throws IOException {
        return run(params(), extra, env, expectedCode);
    }

    private String run(Path params, List<String> extra, Map<String, String> env, int expectedCode) throws IOException {
        List<String> args = new ArrayList<>(List.of(MAIN.toString(), "-params-file", params.toString()));
        args.addAll(extra);
        WorkflowRun run = WorkflowRun.prepare(args, launchDir);
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
    void nextflowsJvmRunsOnC1AndTheSerialCollectorAndTakesTheUsersOptionsAfter() {
        String defaults = nextflowVersion(Map.of("NXF_JVM_ARGS", "-XX:+PrintFlagsFinal"), 0);
        assertThat(defaults).containsPattern("intx TieredStopAtLevel\\s+= 1 ")
                .containsPattern("bool UseSerialGC\\s+= true ").contains("version 24.10.0");
        String user = nextflowVersion(Map.of("NXF_JVM_ARGS", " -XX:TieredStopAtLevel=4  -XX:+PrintFlagsFinal "), 0);
        assertThat(user).containsPattern("intx TieredStopAtLevel\\s+= 4 ");
        String wrong = nextflowVersion(Map.of("NXF_JVM_ARGS", "-XX:+NoSuchSgeoOption"), 1);
        assertThat(wrong).contains("Unrecognized VM option 'NoSuchSgeoOption'");
    }

    private String nextflowVersion(Map<String, String> env, int expectedCode) {
        StringWriter out = new StringWriter();
        int code = NextflowEngine.locate().run(List.of("-version"), launchDir, env, new PrintWriter(out),
                new PrintWriter(out));
        assertThat(code).as(out.toString()).isEqualTo(expectedCode);
        return out.toString();
    }

    @Test
    void runPassesTheBuildIdentityUnlessGiven() throws IOException {
        List<String> args = WorkflowRun.prepare(List.of(MAIN.toString(), "-params-file", params().toString()), launchDir).nextflowArgs();
        int at = args.indexOf("--sgeo_build");
        assertThat(at).isPositive();
        assertThat(args.get(at + 1)).matches("[0-9a-f]{16}");
        List<String> given = WorkflowRun.prepare(List.of(MAIN.toString(), "-params-file", params().toString(),
                "--sgeo_build", "mine"), launchDir).nextflowArgs();
        assertThat(given.stream().filter("--sgeo_build"::equals).count()).isEqualTo(1);
        assertThat(given.get(given.indexOf("--sgeo_build") + 1)).isEqualTo("mine");
    }

    /** A launcher that logs each call's heap to calls.txt, then exits with {@code code}. */
    private Path fakeSgeo(int code, String message) throws IOException {
        Path fake = launchDir.resolve("fake-sgeo");
        Files.writeString(fake, "#!/usr/bin/env bash\necho \"$1 $SGEO_HEAP $SGEO_THREADS\" >> " + launchDir.resolve("calls.txt")
                + "\necho \"sgeo $1: " + message + "\" >&2\nexit " + code + "\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        return fake;
    }

    /** A stage's refusal (exit 2) is not retried: the run ends with the stage's own message. */
    @Test
    void failingStageSurfacesItsOwnMessageAndExitCode() throws IOException {
        Path fake = fakeSgeo(2, "--params: bad value (the stage's message)");
        String out = run(params(false), List.of(), Map.of("SGEO_LAUNCHER", fake.toString()), 1);
        assertThat(out).contains("Error executing process > 'SGEO:REPRODUCE:")
                .contains("bad value (the stage's message)")
                .contains("Command exit status:\n  2");
        assertThat(launchDir.resolve("results/report")).doesNotExist();
        assertThat(Files.readAllLines(launchDir.resolve("calls.txt"))).containsExactly("pretrain-load 3686m 1");
    }

    /**
     * Killed by the scheduler or the OOM killer (137-143): retried twice with memory scaled by the
     * attempt (the heap follows), then the run ends.
     */
    @Test
    void killedTaskIsRetriedTwiceWithMoreMemoryThenTheRunEnds() throws IOException {
        Path fake = fakeSgeo(137, "killed");
        Files.writeString(launchDir.resolve("mem.config"),
                "process { withName: 'PRETRAIN_LOAD' { memory = { 1.GB * task.attempt } } }\n");
        String out = run(params(false), List.of("-c", "mem.config"), Map.of("SGEO_LAUNCHER", fake.toString()), 1);
        assertThat(out).contains("Command exit status:\n  137");
        assertThat(out.lines().filter(l -> l.contains("Re-submitted process > SGEO:REPRODUCE:DEEP_NETWORKS:PRETRAIN_LOAD")))
                .hasSize(2);
        assertThat(Files.readAllLines(launchDir.resolve("calls.txt")))
                .containsExactly("pretrain-load 614m 1", "pretrain-load 1228m 1", "pretrain-load 1843m 1");
    }

    /**
     * The paper-size params files and the part of paper-cpu.yaml that fits in about 2 hours on a CPU, stub run
     * launched from a folder of its own with absolute paths: every (architecture, potential, seed) fine-tuned.
     */
    @Test
    void paperParamsRunFromAnyLaunchFolder() throws IOException {
        // params file -> architectures (feed-forward + recurrent), and whether the linear regression runs
        Map<String, Integer> architectures = Map.of("paper-cpu", 5, "paper-gpu", 6, "paper-cpu-2h", 3);
        for (String name : List.of("paper-cpu", "paper-gpu", "paper-cpu-2h")) {
            Path launch = Files.createDirectories(launchDir.resolve(name));
            Path params = Path.of("params", name + ".yaml").toAbsolutePath();
            WorkflowRun prepared = WorkflowRun.prepare(List.of(Path.of("workflows/main.nf").toAbsolutePath().toString(),
                    "-params-file", params.toString(), "-stub-run"), launch);
            StringWriter out = new StringWriter();
            int code = NextflowEngine.locate().run(prepared.nextflowArgs(), launch, Map.of(), new PrintWriter(out),
                    new PrintWriter(out));
            assertThat(code).as(out.toString()).isZero();
            Path results = launch.resolve("results").resolve(name);
            assertThat(results.resolve("report/index.html")).exists();
            assertThat(results.resolve("linreg/scores/scores.csv").toFile().exists()).as(name).isEqualTo(!name.endsWith("-2h"));
            assertThat(results.resolve("deep/scores/identification.json")).exists();
            assertThat(out.toString().lines().filter(l -> l.contains("Submitted process > SGEO:REPRODUCE:DEEP_NETWORKS:FINETUNE_PER_MAP")))
                    .as(name).hasSize(architectures.get(name) * 3 * 10);
            assertRecurrentSettings(results.resolve("deep"));
        }
    }

    /** rnn-100 gets its own settings per potential; the feed-forward networks keep the global ones. */
    private static void assertRecurrentSettings(Path deep) throws IOException {
        assertThat(stubOptions(deep.resolve("rnn-100-3-norm-s0/pretrained"))).isEqualTo("--epochs 20 --lr 0.001");
        assertThat(stubOptions(deep.resolve("rnn-100-negative_entropy-s0/pretrained"))).isEqualTo("--epochs 20 --lr 0.03");
        assertThat(stubOptions(deep.resolve("rnn-100-3-norm-s4/finetuned")))
                .isEqualTo("--lr-rule lowest-loss --lr-grid 1.0E-4,3.0E-4,0.001,0.003");
        assertThat(stubOptions(deep.resolve("rnn-100-2-norm-s1/finetuned")))
                .isEqualTo("--lr-rule lowest-loss --lr-grid 0.001,0.003,0.01,0.03");
        assertThat(stubOptions(deep.resolve("mlp-256-3-norm-s4/finetuned"))).isEqualTo("--lr-rule lowest-loss");
    }

    /** A stub run of a shipped params file, launched from a folder of its own with absolute paths. */
    private Path stubRunFromOwnFolder(String name) throws IOException {
        Path launch = Files.createDirectories(launchDir.resolve(name));
        Path params = Path.of("params", name + ".yaml").toAbsolutePath();
        WorkflowRun prepared = WorkflowRun.prepare(List.of(MAIN.toString(), "-params-file", params.toString(), "-stub-run"), launch);
        StringWriter out = new StringWriter();
        int code = NextflowEngine.locate().run(prepared.nextflowArgs(), launch, Map.of(), new PrintWriter(out), new PrintWriter(out));
        assertThat(code).as(out.toString()).isZero();
        return launch.resolve("results").resolve(name);
    }

    private static String stubOptions(Path taskOutput) throws IOException {
        return Files.readString(taskOutput.resolve("stub-options.txt")).trim().replaceAll(" +", " ");
    }

    /** The wall time of every task, which the deep-network tables report, is in Nextflow's trace. */
    private static List<String> traceRows(Path results) throws IOException {
        try (var files = Files.list(results.resolve("pipeline_info"))) {
            Path trace = files.filter(f -> f.getFileName().toString().startsWith("execution_trace_")).findFirst().orElseThrow();
            List<String> rows = Files.readAllLines(trace);
            assertThat(rows.get(0)).contains("name", "status", "realtime");
            return rows;
        }
    }

    /**
     * params/deep-table.yaml: per-architecture pretraining rates, the recurrent network pretrained per potential
     * with the potential's rate, negative entropy's own grid; one score of every run.
     */
    @Test
    void deepTableParamsGiveEachArchitectureAndPotentialItsStageOptions() throws IOException {
        Path results = stubRunFromOwnFolder("deep-table");
        assertThat(stubOptions(results.resolve("deep/mlp-16-s0/pretrained"))).isEqualTo("--epochs 1 --lr 0.05");
        assertThat(stubOptions(results.resolve("deep/rnn-100-2-norm-s0/pretrained"))).isEqualTo("--epochs 1 --lr 0.01");
        assertThat(stubOptions(results.resolve("deep/rnn-100-negative_entropy-s0/pretrained"))).isEqualTo("--epochs 1 --lr 0.1");
        assertThat(stubOptions(results.resolve("deep/cnn-negative_entropy-s3/finetuned")))
                .isEqualTo("--lr-rule lowest-loss --lr-grid 0.001,0.01,0.1,1,10");
        assertThat(stubOptions(results.resolve("deep/mlp-1024x2-3-norm-s2/finetuned"))).isEqualTo("--lr-rule lowest-loss");
        assertThat(stubOptions(results.resolve("deep/rnn-100-negative_entropy-s1/finetuned")))
                .isEqualTo("--lr-rule lowest-loss --lr-grid 0.001,0.01,0.1,1,10");
        assertThat(results.resolve("deep/scores/identification.json")).exists();
        assertThat(results.resolve("report/index.html")).exists();
        // 4 architectures x 3 potentials x 3 seeds
        assertThat(traceRows(results).stream().filter(r -> r.contains("FINETUNE_PER_MAP (") && r.contains("COMPLETED"))).hasSize(36);
    }

    /** params/lr-rules.yaml: every run under each rule, ids led by the rule, each rule scored and reported on its own. */
    @Test
    void lrRulesParamsFineTuneUnderEachRuleAndScoreAndReportEachApart() throws IOException {
        Path results = stubRunFromOwnFolder("lr-rules");
        assertThat(stubOptions(results.resolve("deep/smallest-fitting-mlp-256-negative_entropy-s2/finetuned")))
                .isEqualTo("--lr-rule smallest-fitting --lr-grid 0.1,0.3,1,3,10");
        assertThat(stubOptions(results.resolve("deep/lowest-loss-cnn-3-norm-s1/finetuned")))
                .isEqualTo("--lr-rule lowest-loss --lr-grid 0.001,0.003,0.01,0.03,0.1");
        assertThat(stubOptions(results.resolve("deep/bounded-change-0.2-mlp-16-2-norm-s3/finetuned")))
                .isEqualTo("--lr-rule bounded-change:0.2 --lr-grid 0.001,0.003,0.01,0.03,0.1");
        List<String> rules = List.of("lowest-loss", "smallest-fitting", "bounded-change-0.2");
        for (String rule : rules) {
            assertThat(results.resolve("deep-" + rule + "/scores/identification.json")).exists();
            assertThat(results.resolve("deep-" + rule + "/report/index.html")).exists();
        }
        assertThat(results.resolve("deep/scores")).doesNotExist();
        assertThat(results.resolve("report")).doesNotExist();
        // 3 rules x 3 architectures x 3 potentials x 3 seeds
        assertThat(traceRows(results).stream().filter(r -> r.contains("FINETUNE_PER_MAP (") && r.contains("COMPLETED"))).hasSize(81);
        for (String task : List.of("SCORE", "REPORT")) {
            List<String> rows = traceRows(results).stream().filter(r -> r.contains(":" + task + " (")).toList();
            assertThat(rows).as(task).hasSize(3);
            rules.forEach(rule -> assertThat(rows).as(task).anyMatch(r -> r.contains(task + " (deep-" + rule + ")")));
        }
        // each rule's report reads that rule's score, its 27 fine-tuned runs and its own snapshot pairs
        for (String rule : rules) {
            Path task = taskFolder(launchDir.resolve("lr-rules"), results, "REPORT (deep-" + rule + ")");
            assertThat(entries(task.resolve("scores"))).as(rule).hasSize(1);
            assertThat(entries(task.resolve("extras"))).as(rule).hasSize(27);
            List<String> pairs = Files.readAllLines(task.resolve("pairs/manifest.csv"));
            assertThat(pairs.subList(1, pairs.size())).as(rule).hasSize(27).allMatch(l -> l.startsWith(rule + "-"));
        }
    }

    /** The work folder of the task a trace row names, from its hash (e.g. {@code 3f/a1b2c3}). */
    private static Path taskFolder(Path launch, Path results, String name) throws IOException {
        String row = traceRows(results).stream().filter(r -> r.contains(name)).findFirst().orElseThrow();
        String hash = row.split("\t")[1];
        try (var folders = Files.list(launch.resolve("work").resolve(hash.substring(0, 2)))) {
            return folders.filter(f -> f.getFileName().toString().startsWith(hash.substring(3))).findFirst().orElseThrow();
        }
    }

    private static List<Path> entries(Path folder) throws IOException {
        try (var list = Files.list(folder)) {
            return list.toList();
        }
    }

    /** {@code -profile test} runs the smoke sizes of params/smoke.yaml without a params file. */
    @Test
    void testProfileRunsTheSmokeSizesWithoutAParamsFile() throws IOException {
        WorkflowRun prepared = WorkflowRun.prepare(List.of(MAIN.toString(), "-profile", "test", "-stub-run"), launchDir);
        StringWriter out = new StringWriter();
        int code = NextflowEngine.locate().run(prepared.nextflowArgs(), launchDir, Map.of(), new PrintWriter(out),
                new PrintWriter(out));
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("sgeo: done; report: results/smoke/report/index.html");
        assertThat(out.toString().lines().filter(l -> l.contains("Submitted process > SGEO:REPRODUCE:DEEP_NETWORKS:FINETUNE_PER_MAP (mlp-16-")))
                .hasSize(3 * 2);
        assertThat(launchDir.resolve("results/smoke/linreg/scores/scores.csv")).exists();
    }
}
