package org.synapticgeometry.stage.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.synapticgeometry.report.Figure;
import org.synapticgeometry.report.Report;
import org.synapticgeometry.report.ReportInputs;
import org.synapticgeometry.stage.Stages;
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
        // the paper's criterion, the argmin of the mean ΔCDF over the seeds (fixture scores.csv by hand: 2-norm
        // cell 2-norm (0.02 + 0.03) / 2 against 3-norm 0.11 and negative entropy 0.29; 3-norm cell 3-norm
        // (0.025 + 0.07) / 2 = 0.0475 against 2-norm 0.085), even where one run is identified as another
        assertThat(md).contains("| mlp-16 | 2-norm | 2/2 | {2-norm=2} | 2-norm | 0.0250 |")
                .contains("| mlp-16 | 3-norm | 1/2 | {2.5-norm=1, 3-norm=1} | 3-norm | 0.0475 |")
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

    /**
     * The report is written in parallel (the figures): on four threads
     * every file is the same bytes as on one, and the four-thread pool did run tasks on other threads
     * than the one that submitted them (0 steals: nothing ran in parallel).
     */
    @Test
    void fourThreadsWriteTheSameBytesAsOne() throws Exception {
        Path manifest = pairs();
        Map<String, byte[]> one = reportOn(1, manifest, dir.resolve("one"));
        ForkJoinPool four = new ForkJoinPool(4);
        Map<String, byte[]> parallel;
        try {
            parallel = reportOn(four, manifest, dir.resolve("four"));
            assertThat(four.getStealCount()).as("tasks run by a thread other than their submitter").isPositive();
        } finally {
            four.shutdown();
        }
        assertThat(parallel.keySet()).hasSize(2 * 11 + 2).containsExactlyInAnyOrderElementsOf(one.keySet());
        one.forEach((name, bytes) -> assertThat(parallel.get(name)).as(name).isEqualTo(bytes));
    }

    private Map<String, byte[]> reportOn(int threads, Path manifest, Path out) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return reportOn(pool, manifest, out);
        } finally {
            pool.shutdown();
        }
    }

    /** Builds and writes the fixture's report inside {@code pool}; returns every file's bytes by name. */
    private static Map<String, byte[]> reportOn(ForkJoinPool pool, Path manifest, Path out) throws Exception {
        List<Path> written = pool.submit(() -> Report.build(ReportInputs.read(List.of(FIXTURE.resolve("scores")),
                List.of(FIXTURE.resolve("extras")), List.of(manifest))).writeTo(out)).get();
        Map<String, byte[]> bytes = new java.util.TreeMap<>();
        for (Path f : written) {
            bytes.put(f.getFileName().toString(), Files.readAllBytes(f));
        }
        return bytes;
    }

    /**
     * Each PNG is the bytes XChart's own encoder (through ImageIO.write) makes of the figure, and each SVG the
     * bytes of XChart's vector encoder (VectorGraphics2D).
     */
    @Test
    void pngAndSvgFilesAreWhatXChartsEncodersWrite() throws IOException {
        Report report = Report.build(ReportInputs.read(List.of(FIXTURE.resolve("scores")), List.of(FIXTURE.resolve("extras")),
                List.of(pairs())));
        Path out = dir.resolve("report");
        report.writeTo(out);
        assertThat(report.figures()).hasSize(11);
        for (Figure f : report.figures()) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(f.chart(), png, BitmapEncoder.BitmapFormat.PNG);
            assertThat(Files.readAllBytes(out.resolve(f.id() + ".png"))).as(f.id()).isEqualTo(png.toByteArray());
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(f.chart(), svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            assertThat(Files.readString(out.resolve(f.id() + ".svg"))).as(f.id())
                    .isEqualTo(svg.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** The inputs are read once: a scores.csv removed after the checks no longer matters to the run. */
    @Test
    void theInputsTheChecksReadAreTheInputsReported() throws IOException {
        Path scores = dir.resolve("scores");
        Files.createDirectories(scores);
        for (String f : new String[] {"scores.csv", "identification.json"}) {
            Files.copy(FIXTURE.resolve("scores").resolve(f), scores.resolve(f));
        }
        ReportOptions options = new ReportOptions(List.of(scores), List.of(), List.of(), dir.resolve("report"));
        ReportStage stage = new ReportStage();
        stage.checkInputs(options);
        Files.delete(scores.resolve("scores.csv"));
        Report report = Stages.run(stage, options, new PrintWriter(new StringWriter()));
        assertThat(report.figures()).extracting(Figure::id).contains("own_delta_cdf_vs_n", "candidates_mlp-16");
        assertThat(Files.readString(dir.resolve("report/summary.md"))).contains("| mlp-16 | 2-norm | 2/2 | {2-norm=2} |");
    }

    /** The fine-tuning table lists the runs in the order of their train.json paths, in every process. */
    @Test
    void fineTuningRunsAreListedInPathOrder() throws IOException {
        Path extras = dir.resolve("extras");
        List<String> runs = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            Path t = extras.resolve("e" + i).resolve("finetuned/train.json");
            Files.createDirectories(t.getParent());
            Files.writeString(t, "{\"run\": \"ft-" + i + "\", \"epochs\": " + (10 + i) + "}");
            runs.add("<tr><td>ft-" + i + "</td><td>" + (10 + i) + "</td></tr>");
        }
        Path out = dir.resolve("report");
        Cli r = Cli.run("report", "--scores", FIXTURE.resolve("scores").toString(), "--extras", extras.toString(),
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> rows = Stream.of(Files.readString(out.resolve("index.html")).split("\n"))
                .filter(l -> l.startsWith("<tr><td>ft-")).toList();
        assertThat(rows).containsExactlyElementsOf(runs);
    }
}
