package org.synapticgeometry.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileContractsTest {
    @TempDir
    Path dir;

    /** A record as stages write them: camelCase component names, a non-finite value. */
    record Sample(String trainedPotential, double deltaCdf, double missing) {
    }

    @Test
    void jsonWritesSnakeCaseAndNonFiniteAsNullAndReadsBothKeyStyles() throws Exception {
        Path f = dir.resolve("a.json");
        Json.write(f, new Sample("3-norm", 0.25, Double.NaN));
        String text = Files.readString(f);
        assertThat(text).contains("\"trained_potential\" : \"3-norm\"").contains("\"delta_cdf\" : 0.25")
                .contains("\"missing\" : null").doesNotContain("trainedPotential").endsWith("}\n");
        Sample back = Json.read(f, Sample.class, "sample");
        assertThat(back.trainedPotential()).isEqualTo("3-norm");
        assertThat(back.missing()).isNaN();
        Files.writeString(f, "{\"trainedPotential\": \"2-norm\", \"deltaCdf\": 0.5, \"missing\": 1.0,"
                + " \"inputs\": {\"/data/MyRun/init.npz\": \"ab\"}}");
        assertThat(Json.read(f, SampleWithInputs.class, "sample").deltaCdf()).isEqualTo(0.5);
        JsonNode tree = Json.readTree(f, "sample");
        assertThat(tree.get("inputs").has("/data/MyRun/init.npz")).as("paths as keys stay as they are").isTrue();
    }

    record SampleWithInputs(String trainedPotential, double deltaCdf, double missing, java.util.Map<String, String> inputs) {
    }

    @Test
    void jsonErrorsNameTheFileLineAndColumn() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\n  \"a\": 1,\n  \"b\": }\n");
        assertThatThrownBy(() -> Json.readTree(f, "train.json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("train.json " + f).hasMessageContaining("line 3");
        assertThatThrownBy(() -> Json.readTree(dir, "train.json")).hasMessageContaining("is a folder");
    }

    @Test
    void csvReadsQuotedNewlinesAndTsvAndWritesWhatItReads() throws Exception {
        Path f = dir.resolve("t.csv");
        List<List<String>> rows = List.of(List.of("a,b", "line one\nline two", Csv.number(Double.NaN)),
                List.of("\"quoted\"", "", Csv.number(Double.NEGATIVE_INFINITY)));
        Csv.write(f, List.of("x", "y", "z"), rows);
        List<List<String>> back = new ArrayList<>();
        List<Long> rowNumbers = new ArrayList<>();
        List<String> header = Csv.read(f, "table", (fields, row) -> {
            back.add(fields);
            rowNumbers.add(row);
        });
        assertThat(header).containsExactly("x", "y", "z");
        assertThat(back).isEqualTo(rows);
        assertThat(rowNumbers).containsExactly(2L, 3L);
        assertThat(Double.parseDouble(back.get(0).get(2))).isNaN();
        Path tsv = dir.resolve("t.tsv");
        Files.writeString(tsv, "size\tgroup\n1.5\ta,b\n");
        CsvTable t = CsvTable.read(tsv, "--sizes");
        assertThat(t.row(0)).containsExactly("1.5", "a,b");
        assertThatThrownBy(() -> CsvTable.read(dir, "--sizes")).hasMessage("--sizes " + dir + " is a folder; give a CSV file");
    }

    @Test
    void manifestHeaderIsItsColumnsAndTheWorkflowsWriteTheSameHeader() throws Exception {
        assertThat(Manifest.HEADER).isEqualTo(String.join(",", Manifest.COLUMNS));
        Path root = Path.of("").toAbsolutePath();
        for (String nf : List.of("workflows/subworkflows/local/deep_networks/main.nf", "workflows/modules/local/linreg/main.nf")) {
            assertThat(Files.readString(root.resolve(nf))).as(nf).contains(Manifest.HEADER);
        }
    }

    @Test
    void manifestRoundTripsWithPathsRelativeToItsFolder() {
        Path m = dir.resolve("out/manifest.csv");
        Path init = dir.resolve("out/snapshots/r1/init.npz");
        Manifest.write(m, List.of(new Manifest.Entry("r1", init, init.resolveSibling("final.npz"), "3-norm", "mlp-16",
                "1", "", "")));
        assertThat(m).content().startsWith(Manifest.HEADER + "\n").contains("r1,snapshots/r1/init.npz,snapshots/r1/final.npz,3-norm,mlp-16,1");
        Manifest.Entry e = Manifest.read(m).get(0);
        assertThat(e.init()).isEqualTo(init);
        assertThat(e.trainedPotential()).isEqualTo("3-norm");
        assertThat(e.producerRunId()).isEmpty();
    }

    @Test
    void manifestCarriesTheOptionalProducerRunId() throws Exception {
        Path m = dir.resolve("out/manifest.csv");
        Path init = dir.resolve("out/snapshots/r1/init.npz");
        String producer = "0123456789abcdef0123456789abcdef";
        Manifest.write(m, List.of(
                new Manifest.Entry("r1", init, init.resolveSibling("final.npz"), "3-norm", "mlp-16", "1", producer, ""),
                new Manifest.Entry("r2", init, init.resolveSibling("final2.npz"), "2-norm", "mlp-16", "1", "", "")));
        assertThat(m).content().startsWith(Manifest.HEADER + "," + Manifest.PRODUCER_RUN_ID + "\n")
                .contains("r1,snapshots/r1/init.npz,snapshots/r1/final.npz,3-norm,mlp-16,1," + producer);
        assertThat(Manifest.read(m)).extracting(Manifest.Entry::producerRunId).containsExactly(producer, "");
        String deep = Files.readString(Path.of("").toAbsolutePath().resolve("workflows/subworkflows/local/deep_networks/main.nf"));
        assertThat(deep).contains(Manifest.HEADER + "," + Manifest.PRODUCER_RUN_ID);
    }
}
