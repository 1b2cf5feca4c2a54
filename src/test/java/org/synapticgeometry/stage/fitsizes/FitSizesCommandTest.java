package org.synapticgeometry.stage.fitsizes;

import org.synapticgeometry.synapse.SizeMixture;
import org.synapticgeometry.synapse.SizeSimulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.cli.ExitCodes;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.testing.Cli;

/** {@code sgeo fit-sizes} run in-process: outputs of each mode, and every bad-input case with exit code 2. */
class FitSizesCommandTest {
    @TempDir
    Path dir;

    private Path csv(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static double[] logNormalMixture(int n, long seed) {
        SizeMixture m = SizeMixture.of(Potentials.parse("negative_entropy"), new double[] {1.0, 5.0},
                new double[] {0.6, 0.4}, 0.4);
        return SizeSimulation.sample(m, n, seed);
    }

    private Path sizeTable(String name, double[] sizes) throws IOException {
        StringBuilder sb = new StringBuilder("synapse,size_um3,type\n");
        for (int i = 0; i < sizes.length; i++) {
            sb.append(String.format(Locale.ROOT, "s%d,%.8f,%s%n", i, sizes[i], i % 2 == 0 ? "E" : "I"));
        }
        return csv(name, sb.toString());
    }

    @Test
    void fitsOneSampleAndWritesRankingParametersAndFigures() throws IOException {
        Path table = sizeTable("sizes.csv", logNormalMixture(600, 1));
        Path out = dir.resolve("out");
        Cli r = Cli.run("fit-sizes", "--sizes", table.toString(), "--column", "size_um3", "--out", out.toString(),
                "--candidates", "negative_entropy,2-norm");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("group all: best negative_entropy; 2-norm ΔBIC").contains("ruled out");
        assertThat(r.err()).contains("fit-sizes: all: fitted 2-norm (2/2)").contains("ETA");
        for (String f : List.of("ranking.csv", "ranking.md", "parameters.csv", "fit.json", "sizes.png", "sizes.svg")) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        List<String> ranking = Files.readAllLines(out.resolve("ranking.csv"));
        assertThat(ranking.get(0)).startsWith("group,rank,candidate,parameters,n,log_likelihood,aic,bic,delta_bic");
        assertThat(ranking.get(1)).startsWith("all,1,negative_entropy,4,600,");
        assertThat(ranking.get(2)).startsWith("all,2,2-norm,4,600,").endsWith("ruled out (very strong evidence against)");
        JsonNode json = new ObjectMapper().readTree(out.resolve("fit.json").toFile());
        assertThat(json.at("/groups/0/best").asText()).isEqualTo("negative_entropy");
        assertThat(json.at("/groups/0/candidates/1/negative_mass/0").asDouble()).isGreaterThan(0.01);
        assertThat(json.at("/groups/0/candidates/0/estimates/4/name").asText()).isEqualTo("sigma");
        assertThat(json.at("/groups/0/candidates/0/estimates/4/lower95").asDouble()).isLessThan(0.4);
        assertThat(Files.readString(out.resolve("sizes.svg"))).contains("<svg");
    }

    @Test
    void sameInputGivesTheSameTables() throws IOException {
        Path table = sizeTable("sizes.csv", logNormalMixture(300, 2));
        for (String o : List.of("a", "b")) {
            assertThat(Cli.run("fit-sizes", "--sizes", table.toString(), "--column", "size_um3", "--out",
                    dir.resolve(o).toString(), "--candidates", "negative_entropy,3-norm", "--bootstrap", "5").code())
                    .isZero();
        }
        for (String f : List.of("ranking.csv", "parameters.csv", "fit.json")) {
            assertThat(Files.readString(dir.resolve("a").resolve(f)).replace(dir.resolve("a").toString(), ""))
                    .isEqualTo(Files.readString(dir.resolve("b").resolve(f)).replace(dir.resolve("b").toString(), ""));
        }
        assertThat(Files.readString(dir.resolve("a/parameters.csv"))).contains("bootstrap percentile");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("a/fit.json").toFile());
        double first = json.at("/groups/0/candidates/0/first_in_bootstrap").asDouble()
                + json.at("/groups/0/candidates/1/first_in_bootstrap").asDouble();
        assertThat(first).as("shares of resamples in which each candidate ranked first").isEqualTo(1.0);
    }

    @Test
    void fitsEachGroupSeparately() throws IOException {
        Path table = sizeTable("sizes.csv", logNormalMixture(200, 3));
        Path out = dir.resolve("out");
        Cli r = Cli.run("fit-sizes", "--sizes", table.toString(), "--column", "size_um3", "--group-column", "type",
                "--out", out.toString(), "--candidates", "negative_entropy,2-norm", "--states", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("group E: best").contains("group I: best");
        assertThat(out.resolve("sizes-E.png")).isNotEmptyFile();
        assertThat(out.resolve("sizes-I.svg")).isNotEmptyFile();
    }

    @Test
    void unpairedBeforeAndAfterAreFittedJointly() throws IOException {
        Path before = sizeTable("before.csv", logNormalMixture(300, 4));
        Path after = sizeTable("after.csv", logNormalMixture(300, 5));
        Path out = dir.resolve("out");
        Cli r = Cli.run("fit-sizes", "--sizes", before.toString(), "--after", after.toString(), "--column", "size_um3",
                "--out", out.toString(), "--candidates", "negative_entropy,2-norm");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(out.resolve("parameters.csv"))).contains("all,negative_entropy,sigma_change,");
        assertThat(out.resolve("sizes-before.png")).isNotEmptyFile();
        assertThat(out.resolve("sizes-after.png")).isNotEmptyFile();
    }

    @Test
    void pairedSizesAreScoredByTheDualChange() throws IOException {
        double[] before = logNormalMixture(2000, 6);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(9);
        StringBuilder sb = new StringBuilder("before,after\n");
        for (double w : before) {
            sb.append(String.format(Locale.ROOT, "%.8f,%.8f%n", w, w * Math.exp(0.3 * SizeSimulation.gaussian(rng))));
        }
        Path table = csv("paired.csv", sb.toString());
        Path out = dir.resolve("out");
        Cli r = Cli.run("fit-sizes", "--sizes", table.toString(), "--column", "before", "--after-column", "after",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("paired sizes: identified negative_entropy");
        assertThat(Files.readAllLines(out.resolve("identification.csv")).get(1)).startsWith("1,negative_entropy,2000,0,");
    }

    @Test
    void nonPositiveSizeIsRejected() throws IOException {
        Path table = csv("bad.csv", "size\n1.5\n2.0\n-0.3\n");
        Cli r = Cli.run("fit-sizes", "--sizes", table.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("sizes must be finite and > 0, found -0.3 in row 4 of --sizes " + table
                + ", column 'size'; remove or correct it");
    }

    @Test
    void zeroSizeIsRejected() throws IOException {
        Path table = csv("zero.csv", "size\n1.5\n0\n");
        Cli r = Cli.run("fit-sizes", "--sizes", table.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("sizes must be finite and > 0, found 0 in row 3");
    }

    @Test
    void tooFewValuesAreRejected() throws IOException {
        Path table = csv("few.csv", "size\n1.5\n2.0\nNA\n3.1\n");
        Cli r = Cli.run("fit-sizes", "--sizes", table.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("too few sizes: sizes in column 'size' has 3 values; fit-sizes needs at least 50"
                + " per sample");
    }

    @Test
    void tooFewDistinctValuesAreRejected() throws IOException {
        Path table = csv("same.csv", "size\n" + "2.0\n".repeat(40) + "3.0\n".repeat(40));
        Cli r = Cli.run("fit-sizes", "--sizes", table.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("too few distinct sizes: sizes in column 'size' has 2 distinct values;"
                + " fit-sizes needs at least 10");
    }

    @Test
    void missingColumnIsRejected() throws IOException {
        Path table = sizeTable("sizes.csv", logNormalMixture(60, 7));
        Cli r = Cli.run("fit-sizes", "--sizes", table.toString(), "--column", "volume", "--out",
                dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(table + " is missing column 'volume' (header found: synapse,size_um3,type;"
                + " expected: the size column named by --column)");
    }

    @Test
    void severalColumnsWithoutColumnIsRejected() throws IOException {
        Path table = sizeTable("sizes.csv", logNormalMixture(60, 8));
        Cli r = Cli.run("fit-sizes", "--sizes", table.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--sizes " + table + " has 3 columns; name the size column with --column");
    }

    @Test
    void malformedCsvIsRejected() throws IOException {
        Path fields = csv("fields.csv", "id,size\n1,2.0\n2,3.0,extra\n");
        Cli r = Cli.run("fit-sizes", "--sizes", fields.toString(), "--column", "size", "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(fields + " row 3 has 3 fields, the header has 2; fix the row");
        Path quote = csv("quote.csv", "id,size\n\"1,2.0\n");
        r = Cli.run("fit-sizes", "--sizes", quote.toString(), "--column", "size", "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(quote + " row 2 has an unclosed quote; fix the row");
        Path text = csv("text.csv", "size\n1.0\nbig\n");
        r = Cli.run("fit-sizes", "--sizes", text.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("row 3 of --sizes " + text + ", column 'size': 'big' is not a number");
    }

    @Test
    void missingOrEmptyFileIsRejected() throws IOException {
        Cli r = Cli.run("fit-sizes", "--sizes", dir.resolve("nope.csv").toString(), "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--sizes " + dir.resolve("nope.csv") + " does not exist; check the path");
        Path empty = csv("empty.csv", "\n");
        r = Cli.run("fit-sizes", "--sizes", empty.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--sizes " + empty + " is empty; it needs a header row");
    }

    @Test
    void conflictingOptionsAreRejected() throws IOException {
        Path table = sizeTable("sizes.csv", logNormalMixture(60, 9));
        Cli r = Cli.run("fit-sizes", "--sizes", table.toString(), "--column", "size_um3", "--after-column", "type",
                "--after", table.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--after (unpaired samples) and --after-column (paired sizes) exclude each other");
        r = Cli.run("fit-sizes", "--sizes", table.toString(), "--column", "size_um3", "--states", "3", "--out",
                dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--states must be 1 or 2, found 3");
        r = Cli.run("fit-sizes", "--sizes", table.toString(), "--column", "size_um3", "--candidates", "1-norm", "--out",
                dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("invalid potential '1-norm'");
        r = Cli.run("fit-sizes", "--sizes", table.toString(), "--column", "size_um3", "--after-column", "synapse",
                "--candidates", "negative_entropy,hypentropy", "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("give hypentropy a fixed beta, e.g. hypentropy:0.1");
    }
}
