package org.synapticgeometry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.synapticgeometry.files.Manifest;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.snapshot.FloatTensor;
import org.synapticgeometry.snapshot.NpzWriter;
import org.synapticgeometry.stats.SyntheticChange;
import org.synapticgeometry.testing.Cli;

/**
 * Runs every case of {@code docs/bad-input.md} and checks its exit code and the start of the last
 * stderr line, so the table and the program cannot drift apart.
 */
class BadInputTableTest {
    private static final Path TABLE = Path.of("docs/bad-input.md");
    private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| `([^`]+)` \\| (\\d+) \\| `([^`]*)` \\|$");

    @TempDir
    static Path root;

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (String line : Files.readAllLines(TABLE)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                cases.add(Arguments.of(Integer.parseInt(m.group(1)), m.group(2), Integer.parseInt(m.group(3)), m.group(4)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void eachCaseGivesItsExitCodeAndMessage(int number, String command, int exit, String message) {
        Path in = root.resolve("in");
        Path out = root.resolve("out-" + number);
        String[] words = command.replace("$IN", in.toString()).replace("$OUT", out.toString()).split(" ");
        assertThat(words[0]).isEqualTo("sgeo");
        Cli r = Cli.run(Arrays.copyOfRange(words, 1, words.length));
        String last = r.err().isBlank() ? "" : r.lastErrorLine().replace(in.toString(), "$IN").replace(out.toString(), "$OUT");
        assertThat(message).as("case %d documents a message (actual: %s)", number, last).isNotEmpty();
        assertThat(r.code()).as("exit code of case %d (%s)", number, last).isEqualTo(exit);
        assertThat(last).as("case %d", number).startsWith(message);
    }

    @BeforeAll
    static void inputs() throws IOException {
        Path in = Files.createDirectories(root.resolve("in"));
        Files.createDirectories(in.resolve("dir"));
        float[] w0 = SyntheticChange.initial(SyntheticChange.Init.NORMAL, 600, 1);
        float[] w1 = SyntheticChange.perturbed(Potentials.parse("2-norm"), w0, 0.1, 2);
        int[] shape = {20, 30};
        NpzWriter.writeNpz(in.resolve("a.npz"), Map.of("fc", new FloatTensor(shape, w0)));
        NpzWriter.writeNpz(in.resolve("b.npz"), Map.of("fc", new FloatTensor(shape, w1)));
        NpzWriter.writeNpy(in.resolve("a.npy"), FloatTensor.vector(w0));
        NpzWriter.writeNpy(in.resolve("b.npy"), FloatTensor.vector(w1));
        float[] nan = w1.clone();
        nan[17] = Float.NaN;
        NpzWriter.writeNpz(in.resolve("nan.npz"), Map.of("fc", new FloatTensor(shape, nan)));
        NpzWriter.writeNpz(in.resolve("other-layer.npz"), Map.of("conv", new FloatTensor(shape, w1)));
        NpzWriter.writeNpz(in.resolve("other-shape.npz"), Map.of("fc", new FloatTensor(new int[] {30, 20}, w1)));
        NpzWriter.writeNpz(in.resolve("empty0.npz"), Map.of("fc", new FloatTensor(new int[] {0, 5}, new float[0])));
        NpzWriter.writeNpz(in.resolve("empty1.npz"), Map.of("fc", new FloatTensor(new int[] {0, 5}, new float[0])));
        byte[] b = Files.readAllBytes(in.resolve("b.npz"));
        Files.write(in.resolve("truncated.npz"), Arrays.copyOf(b, b.length / 2));
        String npy = new String(Files.readAllBytes(in.resolve("a.npy")), java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(in.resolve("int.npy"), npy.replace("<f4", "<i4").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Files.writeString(in.resolve("a.txt"), "1\n");
        Files.writeString(in.resolve("b.txt"), "2\n");
        Files.writeString(in.resolve("measurements-text.csv"), "init,final\n1.0,2.0\nx,3.0\n");
        String row = "r1,a.npz,b.npz,2-norm,mlp,1";
        Files.writeString(in.resolve("manifest.csv"), Manifest.HEADER + "\n" + row + "\n");
        Files.writeString(in.resolve("bad-header.csv"), "run,init,final\nr1,a.npz,b.npz\n");
        Files.writeString(in.resolve("duplicate.csv"), Manifest.HEADER + "\n" + row + "\n" + row + "\n");
        Files.writeString(in.resolve("missing-file.csv"), Manifest.HEADER + "\nr1,nope.npz,b.npz,2-norm,mlp,1\n");
        Files.writeString(in.resolve("sizes.csv"), "size\n1.0\n2.0\n1.5\n0.7\n3.1\n");
        Files.writeString(in.resolve("sizes-negative.csv"), "size\n1.0\n-2.0\n");
        Files.writeString(in.resolve("sizes-text.csv"), "size\n1.0\nbig\n");
        Files.createDirectories(in.resolve("used"));
        Files.writeString(in.resolve("used/run.json"), "{\"stage\": \"score\", \"status\": \"FINISHED\","
                + " \"start_time\": \"2026-01-01T00:00:00Z\", \"outputs\": []}\n");
        String params = Files.readString(Path.of("params/linreg-smoke.yaml"));
        Files.writeString(in.resolve("syntax.yaml"), "seed: 1\nseeds: [1, 2\n");
        Files.writeString(in.resolve("wrong-type.yaml"), params.replace("seed: 0", "seed: abc"));
        Files.writeString(in.resolve("unknown-key.yaml"), params + "extra_key: 1\n");
        Files.writeString(in.resolve("missing-key.yaml"), params.replaceAll("(?m)^target_loss:.*$", ""));
        Files.writeString(in.resolve("empty.yaml"), "");
        Files.writeString(in.resolve("bad-range.yaml"), params.replaceAll("(?m)^dims:.*$", "dims: [5]"));
    }
}
