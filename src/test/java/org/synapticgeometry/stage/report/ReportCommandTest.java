package org.synapticgeometry.stage.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.testing.Cli;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.snapshot.FloatTensor;
import org.synapticgeometry.snapshot.NpzWriter;

/**
 * {@code sgeo report} on a hand-made fixture (src/test/resources/.../report, made by
 * make_fixture.py in design.md's formats) and on snapshot pairs made here with a known answer.
 */
class ReportCommandTest {
    private static final Path FIXTURE = Path.of("src/test/resources/org/synapticgeometry/report");

    @TempDir
    Path dir;


    /** Negative-entropy runs: log|w| moves by a Gaussian step, signs kept; 2000 weights. */
    private Path pairs() throws IOException {
        Random rnd = new Random(7);
        var ne = Potentials.parse("negative_entropy");
        float[] init = new float[2000];
        float[] fin = new float[init.length];
        for (int i = 0; i < init.length; i++) {
            init[i] = (float) ((i % 2 == 0 ? 1 : -1) * Math.exp(rnd.nextGaussian() - 3));
            fin[i] = (float) ne.toPrimal(ne.toDual(init[i]) + 0.1 * rnd.nextGaussian(), init[i]);
        }
        NpzWriter.writeNpz(dir.resolve("i.npz"), Map.of("layer", FloatTensor.vector(init)));
        NpzWriter.writeNpz(dir.resolve("f.npz"), Map.of("layer", FloatTensor.vector(fin)));
        Path m = dir.resolve("manifest.csv");
        Files.writeString(m, "run_id,init,final,trained_potential,architecture,seed\nne-1,i.npz,f.npz,negative_entropy,toy,1\n");
        return m;
    }

    @Test
    void writesEveryFigureAsPngAndSvgWithAnHtmlPageThatLinksThem() throws IOException {
        Path out = dir.resolve("report");
        Cli r = Cli.run("report", "--scores", FIXTURE.resolve("scores").toString(), "--extras",
                FIXTURE.resolve("extras").toString(), "--manifest", pairs().toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String html = Files.readString(out.resolve("index.html"));
        for (String id : new String[] {"own_delta_cdf_vs_n", "candidates_mlp-16", "linreg_delta_cdf_k0.5",
            "linreg_magnitude_k0.75", "delta_hist_negative_entropy", "abs_w_negative_entropy", "p_hat",
            "robustness_normal", "robustness_log_normal"}) {
            byte[] png = Files.readAllBytes(out.resolve(id + ".png"));
            assertThat(png).as(id).startsWith(0x89, 'P', 'N', 'G');
            assertThat(Files.readString(out.resolve(id + ".svg"))).as(id).contains("<svg");
            assertThat(html).contains("<img src=\"" + id + ".png\"", "href=\"" + id + ".svg\"");
        }
        assertThat(html).doesNotContain("src=\"/", "file:");
        // every N-D rule of the fixture's linreg.csv (k = 0.5 and 0.75) has both figures, each naming its paper counterpart
        for (String k : new String[] {"0.5", "0.75"}) {
            for (String metric : new String[] {"delta_cdf", "magnitude"}) {
                assertThat(out.resolve("linreg_" + metric + "_k" + k + ".png")).exists();
            }
            assertThat(html).contains("Paper counterpart: the linear-regression figure of the paper (Fig. 2, Sec. 4.1: ΔCDF"
                    + " in the trained potential against D, for N = D^" + k + ")");
        }
        assertThat(html).contains("Paper counterpart: the synthetic robustness check");
    }

    @Test
    void summaryTablesCountIdentificationsPerArchitectureAndPotential() throws IOException {
        Path out = dir.resolve("report");
        Cli.run("report", "--scores", FIXTURE.resolve("scores").toString(), "--out", out.toString());
        String md = Files.readString(out.resolve("summary.md"));
        assertThat(md).contains("| mlp-16 | 2-norm | 2/2 | {2-norm=2} |")
                .contains("| mlp-16 | 3-norm | 1/2 | {2.5-norm=1, 3-norm=1} |")
                .contains("no linreg.csv among the inputs: the linear-regression figures are skipped")
                .contains("no snapshot pairs were given (--manifest)");
        assertThat(Files.readString(out.resolve("index.html")))
                .contains("<caption>confusion (pooled): rows trained, columns identified</caption>");
    }

    @Test
    void signCountsOfTheNegativeEntropyRunAreExact() throws IOException {
        Path out = dir.resolve("report");
        Cli.run("report", "--scores", FIXTURE.resolve("scores").toString(), "--manifest", pairs().toString(), "--out", out.toString());
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("before: 1000 positive, 1000 negative; after: 1000 positive, 1000 negative; sign changes: 0");
    }

    @Test
    void rejectsAFolderThatIsNotAScoreFolder() {
        Cli r = Cli.run("report", "--scores", dir.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--scores " + dir + " must hold scores.csv and identification.json");
        Cli pairs = Cli.run("report", "--scores", FIXTURE.resolve("scores").toString(), "--manifest",
                dir.resolve("none.csv").toString(), "--out", dir.resolve("o").toString());
        assertThat(pairs.code()).isEqualTo(2);
        assertThat(pairs.err()).contains("none.csv is not a file");
    }
}
