package org.synapticgeometry.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code bin/sgeo} hands the JVM of a training command: libtorch's OpenMP threads sleep when idle
 * ({@code OMP_WAIT_POLICY=PASSIVE}, unless the user chose a policy) and the JIT options of
 * {@code bin/jvm.options}; {@code score} and {@code report} compile with C1 alone. The launcher runs with {@code SGEO_JAVA} naming a script that prints its
 * environment variable and arguments instead of starting Java.
 */
class TrainingLauncherTest {
    @TempDir
    Path dir;

    @Test
    void openMpThreadsSleepWhenIdleUnlessTheUserChoseAPolicy() throws Exception {
        assertThat(launch(Map.of(), "finetune-per-map", "--help")).startsWith("OMP_WAIT_POLICY=PASSIVE\n");
        assertThat(launch(Map.of("OMP_WAIT_POLICY", "ACTIVE"), "finetune-per-map", "--help"))
                .startsWith("OMP_WAIT_POLICY=ACTIVE\n");
    }

    @Test
    void trainingCommandsGetTheJitThresholdsOfJvmOptions() throws Exception {
        String finetune = launch(Map.of(), "finetune-per-map", "--help");
        assertThat(finetune).contains("-XX:CompileThresholdScaling=10\n")
                .contains("-XX:CompileCommand=CompileThresholdScaling,org.synapticgeometry.optim.*::*,0.1\n");
        assertThat(launch(Map.of(), "score", "--help")).doesNotContain("CompileThresholdScaling");
    }

    @Test
    void scoreReportSnapshotAndTheWorkflowLauncherRunOnC1AloneUnlessTheUserAsksForC2() throws Exception {
        for (String command : new String[] {"score", "report", "snapshot", "run"}) {
            assertThat(launch(Map.of(), command, "--help")).as(command).contains("-XX:TieredStopAtLevel=1\n");
            String chosen = launch(Map.of("SGEO_JAVA_OPTS", "-XX:TieredStopAtLevel=4"), command, "--help");
            assertThat(chosen.indexOf("-XX:TieredStopAtLevel=4")).as(command + ": the user's option comes later")
                    .isGreaterThan(chosen.indexOf("-XX:TieredStopAtLevel=1"));
        }
        assertThat(launch(Map.of(), "finetune-per-map", "--help")).doesNotContain("TieredStopAtLevel");
    }

    /**
     * A Java runtime image without the Vector API module (its release file lists the modules it has) would not
     * start with --add-modules jdk.incubator.vector: the training commands get the other options of jvm.options.
     */
    @Test
    void aRuntimeWithoutTheVectorApiModuleStartsWithoutItAndKeepsTheJitOptions() throws Exception {
        Path java = Files.createDirectories(dir.resolve("jre/bin")).resolve("java");
        Files.writeString(dir.resolve("jre/release"), "JAVA_VERSION=\"21.0.8\"\nMODULES=\"java.base java.logging jdk.unsupported\"\n");
        assertThat(launch(java, Map.of(), "finetune-per-map", "--help")).doesNotContain("jdk.incubator.vector")
                .contains("-XX:CompileThresholdScaling=10\n", "-XX:CompileCommand=quiet\n");
        Files.writeString(dir.resolve("jre/release"), "MODULES=\"java.base jdk.incubator.vector jdk.unsupported\"\n");
        assertThat(launch(java, Map.of(), "finetune-per-map", "--help")).contains("--add-modules jdk.incubator.vector\n");
    }

    private String launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return launch(dir.resolve("java"), env, args);
    }

    /** Runs bin/sgeo with a stand-in java at that path and returns what it printed. */
    private String launch(Path java, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Files.writeString(java, "#!/bin/sh\necho \"OMP_WAIT_POLICY=$OMP_WAIT_POLICY\"\n"
                + "for a in \"$@\"; do case \"$a\" in @*) cat \"${a#@}\";; *) echo \"$a\";; esac; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        List<String> command = new ArrayList<>(List.of(Path.of("bin/sgeo").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("OMP_WAIT_POLICY");
        pb.environment().putAll(env);
        pb.environment().put("SGEO_JAVA", java.toString());
        pb.environment().put("SGEO_CLASSPATH", dir.toString()); // no build, no class-data archive
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
