package org.synapticgeometry.stage.linreg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.cli.ExitCodes;
import org.synapticgeometry.stage.Stages;
import org.synapticgeometry.testing.Cli;

/**
 * Same parameters and seed give byte-identical outputs (all but the provenance record
 * {@code run.json}, which holds times); another root seed gives other weights.
 */
class LinregDeterminismTest {
    static final String PARAMS = String.join("\n",
            "seed: 7", "seeds: 2", "trained_potentials: [2-norm, negative_entropy]",
            "candidates: [negative_entropy, 2-norm, 3-norm]", "dims: [60, 150]", "k: [0.5]", "power: [1]",
            "correlation_scale: 1.0", "input_noise: 0.5", "momentum: 0.9", "lr_min: 1.0e-3", "lr_max: 0.1",
            "lr_count: 4", "steps: 30", "extra_steps: 10", "max_attempts: 2", "target_loss: 1.0e-3", "");

    @TempDir
    Path tmp;

    @Test
    void sameSeedSameBytesOtherSeedOtherWeights() throws IOException {
        Path a = run("a", PARAMS);
        Path b = run("b", PARAMS);
        List<Path> files = files(a);
        assertThat(files).hasSize(3 + 2 * 2 * 2 * 2);
        for (Path f : files) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(f.toString()).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
        Path c = run("c", PARAMS.replace("seed: 7", "seed: 8"));
        Path snapshot = Path.of("snapshots", "2-norm_k0.5_pow1_d60_s0", "final.npz");
        assertThat(Files.readAllBytes(c.resolve(snapshot))).isNotEqualTo(Files.readAllBytes(a.resolve(snapshot)));
    }

    /**
     * Trials and seeds trained side by side write the same bytes as one after the other (the grid of four rates,
     * two seeds, two dimensions, a retry with more steps for the rates that miss the target), in the same order.
     */
    @Test
    void threeThreadsWriteTheSameBytesAsOne() throws IOException {
        Path file = tmp.resolve("params.yaml");
        Files.writeString(file, PARAMS);
        StringWriter oneLog = new StringWriter();
        Path one = tmp.resolve("one");
        Stages.run(new LinregStage(), new LinregOptions(file, LinregParams.read(file), one, 1), new PrintWriter(oneLog));
        StringWriter threeLog = new StringWriter();
        Path three = tmp.resolve("three");
        Stages.run(new LinregStage(), new LinregOptions(file, LinregParams.read(file), three, 3),
                new PrintWriter(threeLog));
        List<Path> files = files(one);
        assertThat(files(three)).isEqualTo(files);
        for (Path f : files) {
            assertThat(Files.readAllBytes(three.resolve(f))).as(f.toString()).isEqualTo(Files.readAllBytes(one.resolve(f)));
        }
        assertThat(runLines(threeLog.toString())).isEqualTo(runLines(oneLog.toString())).hasSize(2 * 2 * 2);
    }

    /** The progress lines that report a finished run, without their percentages and times. */
    private static List<String> runLines(String log) {
        return log.lines().filter(l -> l.contains(": loss ") || l.contains("DIVERGED"))
                .map(l -> l.substring(l.indexOf(']') + 1)).toList();
    }

    private Path run(String name, String params) throws IOException {
        Path file = tmp.resolve(name + ".yaml");
        Files.writeString(file, params);
        Path out = tmp.resolve(name);
        Cli r = Cli.run("linreg", "--params", file.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        return out;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize)
                    .filter(p -> !p.toString().equals("run.json")).sorted().toList();
        }
    }
}
