package org.synapticgeometry.stage.linreg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.cli.ExitCodes;
import org.synapticgeometry.testing.Cli;

/**
 * The acceptance test of the linear-regression stage: {@code sgeo linreg} on the shipped smoke file
 * identifies each trained potential at the largest D (N = D^0.5) in at least 4 of 5 seeds, for
 * every correlation power of the file, and writes the contracted outputs.
 */
class LinregSmokeTest {
    private static final List<String> TRAINED = List.of("2-norm", "3-norm", "negative_entropy");

    @TempDir
    Path out;

    @Test
    void smokeFileIdentifiesTrainedPotentialAtLargestD() throws IOException {
        Cli r = Cli.run("linreg", "--params", "params/linreg-smoke.yaml", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).contains("ETA");
        LinregParams params = LinregParams.read(Path.of("params/linreg-smoke.yaml"));
        int largest = params.dims().stream().max(Integer::compare).orElseThrow();
        assertThat(params.k()).contains(0.5);
        List<String[]> rows = csvRows(out.resolve("linreg.csv"));
        for (String potential : TRAINED) {
            for (double power : params.power()) {
                List<String[]> cell = rows.stream().filter(c -> c[1].equals(potential) && c[2].equals("0.5")
                        && Double.parseDouble(c[3]) == power && c[4].equals(Integer.toString(largest))).toList();
                long correct = cell.stream().filter(c -> c[11].equals(potential)).count();
                assertThat(cell).hasSize(5);
                assertThat(correct).as("%s power %s at D=%d:\n%s", potential, power, largest, r.out())
                        .isGreaterThanOrEqualTo(4);
            }
        }
        assertOutputsComplete(rows);
    }

    private void assertOutputsComplete(List<String[]> rows) throws IOException {
        String header = Files.readString(out.resolve("linreg.csv")).lines().findFirst().orElseThrow();
        assertThat(header).startsWith("run_id,trained_potential,k,power,d,n,seed,lr,steps,final_loss,diverged,identified,")
                .contains("delta_cdf_negative_entropy", "delta_cdf_1.5-norm", "delta_cdf_2-norm", "delta_cdf_2.5-norm",
                        "delta_cdf_3-norm", "delta_cdf_centered_3-norm", "delta_cdf_grid_3-norm", "magnitude_3-norm");
        List<String> manifest = Files.readAllLines(out.resolve("manifest.csv"));
        assertThat(manifest.get(0)).isEqualTo("run_id,init,final,trained_potential,architecture,seed");
        assertThat(manifest).hasSize(rows.size() + 1);
        for (String line : manifest.subList(1, manifest.size())) {
            String[] f = line.split(",");
            assertThat(out.resolve(f[1])).isRegularFile();
            assertThat(out.resolve(f[2])).isRegularFile();
        }
        assertThat(Files.readString(out.resolve("linreg.json"))).contains("\"identification\"", "\"learning_rate_searches\"");
        try (Stream<Path> leftovers = Files.walk(out)) {
            assertThat(leftovers.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).isEmpty();
        }
    }

    static List<String[]> csvRows(Path csv) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }
}
