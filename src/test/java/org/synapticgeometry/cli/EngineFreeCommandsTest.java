package org.synapticgeometry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that need no libtorch start without it: a fresh JVM runs each one with class loading
 * logged, and no DJL class may appear (loading the engine costs about a second of start-up). The
 * training command is the control: it must load the engine, so the log does show it when it happens.
 */
class EngineFreeCommandsTest {

    @Test
    void helpScoreAndReportNeverLoadDjl(@TempDir Path dir) throws Exception {
        Path pair = dir.resolve("pair.csv");
        StringBuilder csv = new StringBuilder("init,final\n");
        for (int i = 1; i <= 400; i++) {
            double w = (i % 2 == 0 ? 1 : -1) * (0.01 + i / 500.0);
            csv.append(w).append(',').append(w + 0.001 * Math.sin(i)).append('\n');
        }
        Files.writeString(pair, csv);
        assertThat(djlClasses(dir, "help", "--help")).isEmpty();
        assertThat(djlClasses(dir, "finetune-help", "finetune-per-map", "--help")).as("a training command's help"
                + " starts no libtorch load").isEmpty();
        assertThat(djlClasses(dir, "score", "score", "--pair", pair.toString(), "--out", dir.resolve("s").toString(),
                "--bootstrap", "0")).isEmpty();
        assertThat(dir.resolve("s/scores.csv")).exists();
        assertThat(djlClasses(dir, "report", "report", "--scores", dir.resolve("s").toString(), "--out",
                dir.resolve("r").toString())).isEmpty();
        assertThat(dir.resolve("r/index.html")).exists();
        assertThat(djlClasses(dir, "finetune", "finetune-per-map", "--checkpoint", dir.toString(), "--potential",
                "2-norm", "--seed", "1", "--out", dir.resolve("f").toString())).isNotEmpty();
    }

    /** The DJL classes a fresh JVM loads for {@code args}. */
    private static List<String> djlClasses(Path dir, String name, String... args) throws IOException,
            InterruptedException {
        Path log = dir.resolve(name + ".classes");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), Sgeo.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile()).start();
        p.waitFor();
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains(" ai.djl.")).toList();
    }
}
