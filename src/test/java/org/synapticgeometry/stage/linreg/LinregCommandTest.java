package org.synapticgeometry.stage.linreg;

import org.synapticgeometry.cli.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.synapticgeometry.testing.Cli;

/** Bad parameter files and output folders: exit code 2, one line naming the field and the fix, no output. */
class LinregCommandTest {
    /** A valid, tiny parameter file; each case replaces one line. */
    static final String VALID = String.join("\n",
            "seed: 0", "seeds: 1", "trained_potentials: [2-norm]", "candidates: [2-norm, 3-norm]", "dims: [20]",
            "k: [0.5]", "power: [2]", "correlation_scale: 1.0", "input_noise: 0.5", "momentum: 0.9", "lr_min: 0.01",
            "lr_max: 0.1", "lr_count: 2", "steps: 5", "extra_steps: 0", "max_attempts: 1", "target_loss: 1.0e-3", "");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "unknown key       | seeds: 1        | seeds: 1\\nlearning_rate: 3 | unknown key 'learning_rate'",
        "wrong type int    | seeds: 1        | seeds: five          | field 'seeds' has the wrong type 'five': it must be an integer",
        "float as int      | steps: 5        | steps: 5.5           | field 'steps' has the wrong type",
        "wrong type list   | dims: [20]      | dims: [20, big]      | field 'dims[1]' has the wrong type",
        "missing key       | momentum: 0.9   |                      | missing key 'momentum'",
        "dim too small     | dims: [20]      | dims: [20, 5]        | dims[1] must be an integer in [10, 100000], found 5",
        "dim too large     | dims: [20]      | dims: [200000]       | dims[0] must be an integer in [10, 100000]",
        "too many inputs   | dims: [20]\\nk: [0.5] | dims: [100000]\\nk: [0.75] | small enough that N·D <= 268435456",
        "N too small       | k: [0.5]        | k: [0.1]             | N = int(D^k) >= 2",
        "k out of range    | k: [0.5]        | k: [1.5]             | k[0] must be in (0, 1], found 1.5",
        "zero seeds        | seeds: 1        | seeds: 0             | seeds must be an integer in [1, 1000], found 0",
        "p below one       | candidates: [2-norm, 3-norm] | candidates: [2-norm, 0.5-norm] | candidates[1]: invalid potential '0.5-norm'",
        "unknown potential | trained_potentials: [2-norm] | trained_potentials: [adam] | trained_potentials[0]: unknown potential 'adam'",
        "bad lr grid       | lr_min: 0.01    | lr_min: 1.0          | lr_min/lr_max must be 0 < lr_min <= lr_max",
        "negative noise    | input_noise: 0.5 | input_noise: -1     | input_noise must be in [0, 1e6), found -1.0",
        "bad yaml          | seeds: 1        | @seeds: 1          | not valid YAML"
    })
    void rejectsBadParamsWithFieldAndFix(String name, String line, String replacement, String message)
            throws IOException {
        Path params = tmp.resolve("p.yaml");
        String fixed = replacement == null ? "" : replacement.replace("\\n", "\n");
        Files.writeString(params, VALID.replace(line.replace("\\n", "\n"), fixed));
        Path out = tmp.resolve("out");
        Cli r = Cli.run("linreg", "--params", params.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(message).contains(params.toString());
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void rejectsMissingParamsFile() {
        Cli r = Cli.run("linreg", "--params", tmp.resolve("none.yaml").toString(), "--out", tmp.resolve("o").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--params").contains("is not a file");
    }

    @Test
    void rejectsUnwritableOutputFolder() throws IOException {
        Path params = tmp.resolve("p.yaml");
        Files.writeString(params, VALID);
        Path blocker = tmp.resolve("file");
        Files.writeString(blocker, "x");
        Cli r = Cli.run("linreg", "--params", params.toString(), "--out", blocker.resolve("sub").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--out").contains("cannot be written").contains("choose a writable folder");
    }

    @Test
    void everyDivergingLearningRateIsRecordedNotFatal() throws IOException {
        Path params = tmp.resolve("p.yaml");
        Files.writeString(params, VALID.replace("lr_min: 0.01", "lr_min: 1.0e5").replace("lr_max: 0.1", "lr_max: 1.0e5")
                .replace("lr_count: 2", "lr_count: 1"));
        Path out = tmp.resolve("out");
        Cli r = Cli.run("linreg", "--params", params.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).contains("every learning rate diverged");
        String csv = Files.readString(out.resolve("linreg.csv"));
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).contains(",NaN,0,NaN,true,");
        assertThat(Files.readString(out.resolve("manifest.csv")).lines()).hasSize(1);
    }
}
