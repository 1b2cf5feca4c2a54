package org.synapticgeometry.stage.score;

import org.synapticgeometry.files.Manifest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.snapshot.FloatTensor;
import org.synapticgeometry.snapshot.NpzWriter;
import org.synapticgeometry.stats.SyntheticChange;
import org.synapticgeometry.testing.Cli;

/** Every bad input of sgeo score: exit code 2 and one line naming the file/row/field and the fix. */
class ScoreBadInputTest {
    @TempDir
    Path dir;

    @BeforeEach
    void goodRun() {
        float[] w0 = SyntheticChange.initial(SyntheticChange.Init.NORMAL, 600, 1);
        float[] w1 = SyntheticChange.perturbed(org.synapticgeometry.geometry.Potentials.parse("2-norm"), w0, 0.1, 2);
        NpzWriter.writeNpz(dir.resolve("good/init.npz"), Map.of("fc", new FloatTensor(new int[] {20, 30}, w0)));
        NpzWriter.writeNpz(dir.resolve("good/final.npz"), Map.of("fc", new FloatTensor(new int[] {20, 30}, w1)));
    }

    private Path manifest(String... rows) throws IOException {
        Path m = dir.resolve("manifest.csv");
        Files.writeString(m, Manifest.HEADER + "\n" + String.join("\n", rows) + "\n");
        return m;
    }

    private Cli score(Path manifest, String... extra) {
        String[] args = {"score", "--manifest", manifest.toString(), "--out", dir.resolve("out").toString(),
            "--bootstrap", "0", "--scan-beta", "none"};
        String[] all = Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return Cli.run(all);
    }

    private static final String GOOD = "good,good/init.npz,good/final.npz,2-norm,mlp,1";

    /** A bad run is reported in the outputs with its reason, the good one is scored, and the exit code is 2. */
    private void assertRunReported(Cli r, String... fragments) throws IOException {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("1 of 2 run(s) could not be scored").contains("run 'bad'");
        for (String f : fragments) {
            assertThat(r.err()).contains(f);
        }
        JsonNode ids = new ObjectMapper().readTree(dir.resolve("out/identification.json").toFile());
        assertThat(ids.get("failed").get(0).get("run_id").asText()).isEqualTo("bad");
        assertThat(ids.get("runs").get(0).get("identified").asText()).isEqualTo("2-norm");
        assertThat(Files.readString(dir.resolve("out/scores.csv"))).contains("\ngood,").doesNotContain("\nbad,");
    }

    @Test
    void missingSnapshotIsReportedAndOthersScored() throws IOException {
        var r = score(manifest(GOOD, "bad,nope/init.npz,nope/final.npz,2-norm,mlp,2"));
        assertRunReported(r, "nope/init.npz does not exist");
    }

    @Test
    void truncatedNpzIsReported() throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve("good/final.npz"));
        Files.createDirectories(dir.resolve("cut"));
        Files.copy(dir.resolve("good/init.npz"), dir.resolve("cut/init.npz"));
        Files.write(dir.resolve("cut/final.npz"), Arrays.copyOf(bytes, bytes.length / 2));
        var r = score(manifest(GOOD, "bad,cut/init.npz,cut/final.npz,2-norm,mlp,2"));
        assertRunReported(r, "cut/final.npz is not a readable NPZ", "re-save it with numpy.savez");
    }

    @Test
    void truncatedNpyIsReported() throws IOException {
        NpzWriter.writeNpy(dir.resolve("t/init.npy"), FloatTensor.vector(new float[100]));
        NpzWriter.writeNpy(dir.resolve("t/final.npy"), FloatTensor.vector(new float[100]));
        byte[] bytes = Files.readAllBytes(dir.resolve("t/final.npy"));
        Files.write(dir.resolve("t/final.npy"), Arrays.copyOf(bytes, bytes.length - 10));
        var r = score(manifest(GOOD, "bad,t/init.npy,t/final.npy,2-norm,mlp,2"));
        assertRunReported(r, "t/final.npy is truncated", "needs 400 data bytes, found 390");
    }

    @Test
    void garbageFileIsReported() throws IOException {
        Files.createDirectories(dir.resolve("g"));
        Files.writeString(dir.resolve("g/init.npy"), "hello, not numpy");
        Files.writeString(dir.resolve("g/final.npy"), "hello, not numpy");
        var r = score(manifest(GOOD, "bad,g/init.npy,g/final.npy,2-norm,mlp,2"));
        assertRunReported(r, "g/init.npy is not an NPY file");
    }

    @Test
    void shapeMismatchIsReported() throws IOException {
        NpzWriter.writeNpz(dir.resolve("s/init.npz"), Map.of("fc", new FloatTensor(new int[] {2, 3}, new float[6])));
        NpzWriter.writeNpz(dir.resolve("s/final.npz"), Map.of("fc", new FloatTensor(new int[] {3, 2}, new float[6])));
        var r = score(manifest(GOOD, "bad,s/init.npz,s/final.npz,2-norm,mlp,2"));
        assertRunReported(r, "layer 'fc' has shape [2, 3]", "but [3, 2]", "same model");
    }

    @Test
    void layerMismatchIsReported() throws IOException {
        NpzWriter.writeNpz(dir.resolve("l/init.npz"), Map.of("fc", FloatTensor.vector(new float[6])));
        NpzWriter.writeNpz(dir.resolve("l/final.npz"), Map.of("conv", FloatTensor.vector(new float[6])));
        var r = score(manifest(GOOD, "bad,l/init.npz,l/final.npz,2-norm,mlp,2"));
        assertRunReported(r, "layers differ between init");
    }

    @Test
    void nanWeightsAreReportedUnlessExcluded() throws IOException {
        float[] w0 = SyntheticChange.initial(SyntheticChange.Init.NORMAL, 600, 3);
        float[] w1 = w0.clone();
        for (int i = 0; i < w1.length; i++) {
            w1[i] += 0.01f * (float) Math.sin(i);
        }
        w1[17] = Float.NaN;
        NpzWriter.writeNpz(dir.resolve("nan/init.npz"), Map.of("fc", FloatTensor.vector(w0)));
        NpzWriter.writeNpz(dir.resolve("nan/final.npz"), Map.of("fc", FloatTensor.vector(w1)));
        Path m = manifest(GOOD, "bad,nan/init.npz,nan/final.npz,2-norm,mlp,2");
        assertRunReported(score(m), "nan/final.npz layer 'fc' holds 1 non-finite value(s)", "at flat index 17",
                "--exclude-nonfinite");
        var r = score(m, "--exclude-nonfinite");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("out/scores.csv"))).contains("bad,2-norm,mlp,2,pooled,2-norm,599,1,");
    }

    @Test
    void mixedDtypePairIsScoredInFloat64() throws IOException {
        Files.createDirectories(dir.resolve("d"));
        NpzWriter.writeNpy(dir.resolve("d/init.npy"), FloatTensor.vector(new float[] {1f, 2f, 3f}));
        byte[] f4 = Files.readAllBytes(dir.resolve("d/init.npy"));
        String header = new String(f4, 10, f4.length - 10 - 12, java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] f8 = new byte[f4.length + 12];
        System.arraycopy(f4, 0, f8, 0, 10);
        byte[] h = header.replace("<f4", "<f8").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(h, 0, f8, 10, h.length);
        // changes of 1e-9: below float32 resolution at 1..3, kept in float64
        java.nio.ByteBuffer.wrap(f8, 10 + h.length, 24).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putDouble(1.0 + 1e-9).putDouble(2.0 - 2e-9).putDouble(3.0 + 0.5e-9);
        Files.write(dir.resolve("d/final.npy"), f8);
        var r = score(manifest(GOOD, "mixed,d/init.npy,d/final.npy,2-norm,mlp,2"), "--scopes", "pooled");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(dir.resolve("out/scores.json").toFile()).get("rows");
        for (JsonNode row : rows) {
            if (row.get("run_id").asText().equals("mixed") && row.get("candidate").asText().equals("2-norm")) {
                assertThat(row.get("n").asLong()).isEqualTo(3);
                // Δ = (1e-9, -2e-9, 0.5e-9): mean and sample std in float64 (Δ stored to float32 resolution)
                assertThat(row.get("mean").asDouble()).isCloseTo(-0.5e-9 / 3, org.assertj.core.api.Assertions.within(1e-15));
                assertThat(row.get("std").asDouble()).isCloseTo(Math.sqrt((Math.pow(1e-9 + 0.5e-9 / 3, 2)
                        + Math.pow(-2e-9 + 0.5e-9 / 3, 2) + Math.pow(0.5e-9 + 0.5e-9 / 3, 2)) / 2),
                        org.assertj.core.api.Assertions.within(1e-15));
            }
        }
    }

    @Test
    void sameCheckpointTwiceIsFailedNotNaN() throws IOException {
        var r = score(manifest(GOOD, "bad,good/init.npz,good/init.npz,2-norm,mlp,2"));
        assertRunReported(r, "no weight changed between", "the same checkpoint given twice?");
    }

    @Test
    void zeroSizeLayersAreFailedNotNaN() throws IOException {
        NpzWriter.writeNpz(dir.resolve("z/init.npz"), Map.of("fc", new FloatTensor(new int[] {0, 5}, new float[0])));
        NpzWriter.writeNpz(dir.resolve("z/final.npz"), Map.of("fc", new FloatTensor(new int[] {0, 5}, new float[0])));
        var r = score(manifest(GOOD, "bad,z/init.npz,z/final.npz,2-norm,mlp,2"));
        assertRunReported(r, "hold no weights (every layer has size 0)");
    }

    @Test
    void candidateThatCannotBeScoredIsListedNotDropped() throws IOException {
        float[] w0 = new float[600];
        float[] w1 = SyntheticChange.perturbed(org.synapticgeometry.geometry.Potentials.parse("2-norm"),
                SyntheticChange.initial(SyntheticChange.Init.NORMAL, 600, 4), 0.1, 5);
        NpzWriter.writeNpz(dir.resolve("zero/init.npz"), Map.of("fc", FloatTensor.vector(w0)));
        NpzWriter.writeNpz(dir.resolve("zero/final.npz"), Map.of("fc", FloatTensor.vector(w1)));
        var r = score(manifest("zero,zero/init.npz,zero/final.npz,2-norm,mlp,1"), "--scopes", "pooled");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("sgeo score: note: run 'zero' (pooled): negative_entropy left out 600 weight(s)")
                .contains("negative_entropy could not be scored: 0 finite dual change(s) of 600");
        JsonNode id = new ObjectMapper().readTree(dir.resolve("out/identification.json").toFile()).get("runs").get(0);
        assertThat(id.get("unscored").get("negative_entropy").asText()).startsWith("0 finite dual change(s) of 600");
        assertThat(id.get("excluded").get("negative_entropy").asLong()).isEqualTo(600);
        assertThat(id.get("delta_cdf").get("negative_entropy").isNull()).isTrue();
        assertThat(id.get("identified").asText()).isNotEqualTo("negative_entropy").isNotEmpty();
    }

    @Test
    void unsupportedDtypeIsReported() throws IOException {
        NpzWriter.writeNpy(dir.resolve("i/init.npy"), FloatTensor.vector(new float[] {1f, 2f}));
        byte[] b = Files.readAllBytes(dir.resolve("i/init.npy"));
        String text = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).replace("<f4", "<i4");
        Files.write(dir.resolve("i/final.npy"), text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        var r = score(manifest(GOOD, "bad,i/init.npy,i/final.npy,2-norm,mlp,2"));
        assertRunReported(r, "dtype <i4 is not supported", "astype(numpy.float32)");
    }

    @Test
    void emptyLayerSelectionIsReported() throws IOException {
        var r = score(manifest(GOOD, "bad,good/init.npz,good/final.npz,2-norm,mlp,2"), "--layers", "conv.*");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("2 of 2 run(s) could not be scored", "empty scope: no layer of",
                "(layers: fc)", "--layers");
    }

    @Test
    void manifestMissingColumnNamesIt() throws IOException {
        Path m = dir.resolve("manifest.csv");
        Files.writeString(m, "run_id,init,trained_potential,architecture,seed\nx,good/init.npz,2-norm,mlp,1\n");
        var r = score(m);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("manifest.csv is missing column 'final'", "expected: " + Manifest.HEADER);
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void manifestRowErrorsNameRowAndField() throws IOException {
        var r = score(manifest(GOOD, "x,good/init.npz,good/final.npz,4-normal,mlp,1"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("manifest.csv row 3 field trained_potential", "4-normal", "valid forms");
        r = score(manifest(GOOD, ",good/init.npz,good/final.npz,2-norm,mlp,1"));
        assertThat(r.err()).contains("row 3 field run_id is empty");
        r = score(manifest(GOOD, GOOD));
        assertThat(r.err()).contains("row 3 field run_id: 'good' is used twice");
        r = score(manifest(GOOD, "x,good/init.npz"));
        assertThat(r.err()).contains("row 3 has 2 fields, the header has 6");
    }

    @Test
    void missingManifestAndBadOptionsAreUsageErrors() throws IOException {
        var r = score(dir.resolve("absent.csv"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("manifest " + dir.resolve("absent.csv") + " does not exist");
        Path m = manifest(GOOD);
        r = score(m, "--candidates", "2-norm,0.5-norm");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--candidates: invalid potential '0.5-norm'", "p > 1");
        r = score(m, "--candidates", "2-norm,gd");
        assertThat(r.err()).contains("--candidates lists 2-norm twice");
        r = score(m, "--scan-p", "1.1:3.0");
        assertThat(r.err()).contains("--scan-p must be LO:HI:COUNT");
        r = score(m, "--scan-p", "0.5:3.0:0.5");
        assertThat(r.err()).contains("--scan-p values must be > 1");
        r = score(m, "--scopes", "pooled,everything");
        assertThat(r.err()).contains("--scopes entries must be pooled, standardized or layers, found 'everything'");
        r = Cli.run("score", "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("give either --manifest FILE.csv or one or more --pair INIT,FINAL");
    }
}
