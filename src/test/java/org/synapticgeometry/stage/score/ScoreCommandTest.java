package org.synapticgeometry.stage.score;

import org.synapticgeometry.files.Manifest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.snapshot.FloatTensor;
import org.synapticgeometry.snapshot.NpzWriter;
import org.synapticgeometry.stats.SyntheticChange;
import org.synapticgeometry.testing.Cli;

class ScoreCommandTest {
    @TempDir
    Path dir;

    /** Writes a two-layer synthetic run trained with {@code potential}; returns the manifest row. */
    private String run(String id, String potential, long seed) {
        Potential truth = Potentials.parse(potential);
        Map<String, FloatTensor> init = new LinkedHashMap<>();
        Map<String, FloatTensor> fin = new LinkedHashMap<>();
        for (String layer : List.of("conv1", "fc1")) {
            float[] w0 = SyntheticChange.initial(SyntheticChange.Init.LOG_NORMAL, 3000, seed * 31 + layer.length());
            float[] w1 = SyntheticChange.perturbed(truth, w0, 0.1, seed * 17 + layer.length());
            init.put(layer, new FloatTensor(new int[] {30, 100}, w0));
            fin.put(layer, new FloatTensor(new int[] {30, 100}, w1));
        }
        NpzWriter.writeNpz(dir.resolve(id + "/init.npz"), init);
        NpzWriter.writeNpz(dir.resolve(id + "/final.npz"), fin);
        return id + "," + id + "/init.npz," + id + "/final.npz," + potential + ",mlp," + seed;
    }

    private Path manifest(String... rows) throws IOException {
        Path m = dir.resolve("manifest.csv");
        Files.writeString(m, Manifest.HEADER + "\n" + String.join("\n", rows) + "\n");
        return m;
    }

    /**
     * Each layer gets its own perturbation scale (σ relative to its own dual spread), so pooling
     * makes a scale mixture: docs/science.md (Pooling layers) predicts the pooled 3-norm score breaks while the
     * standardized and per-layer scopes recover every potential.
     */
    @Test
    void identifiesTheTrainedPotentialInStandardizedAndLayerScopes() throws IOException {
        Path m = manifest(run("ne", "negative_entropy", 1), run("gd", "2-norm", 2), run("p3", "3-norm", 3));
        Cli r = Cli.run("score", "--manifest", m.toString(), "--out", dir.resolve("out").toString(),
                "--bootstrap", "10");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode ids = new ObjectMapper().readTree(dir.resolve("out/identification.json").toFile());
        for (JsonNode run : ids.get("runs")) {
            if (!run.get("scope").asText().equals("pooled")) {
                assertThat(run.get("identified").asText()).as(run.toString()).isEqualTo(run.get("trained_potential").asText());
            }
        }
        assertThat(ids.get("accuracy").get("standardized").asDouble()).isEqualTo(1.0);
        assertThat(ids.get("accuracy").get("layer:fc1").asDouble()).isEqualTo(1.0);
        assertThat(ids.get("confusion").get("pooled").get("3-norm").get("2-norm").asInt()).isEqualTo(1);
        String csv = Files.readString(dir.resolve("out/scores.csv"));
        assertThat(csv).startsWith("run_id,trained_potential,architecture,seed,scope,candidate,n,excluded,delta_cdf,"
                + "delta_cdf_centered,delta_cdf_grid,magnitude,ks,anderson_darling,skewness,excess_kurtosis,floor");
        assertThat(csv).contains("layer:conv1").contains("standardized");
    }

    @Test
    void sameInputsGiveByteIdenticalOutputs() throws IOException {
        Path m = manifest(run("ne", "negative_entropy", 4), run("gd", "2-norm", 5));
        for (String out : List.of("a", "b")) {
            Cli r = Cli.run("score", "--manifest", m.toString(), "--out", dir.resolve(out).toString(), "--bootstrap", "10",
                    "--scan-beta", "none", "--seed", "3");
            assertThat(r.code()).as(r.err()).isZero();
        }
        for (String f : List.of("scores.csv", "scores.json", "identification.json")) {
            assertThat(Files.readAllBytes(dir.resolve("b/" + f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve("a/" + f)));
        }
    }

    /** Synapse sizes before/after as a measurement CSV, and an NPY pair, scored through --pair. */
    @Test
    void scoresMeasurementCsvAndNpyPairs() throws IOException {
        Potential ne = Potentials.parse("negative_entropy");
        float[] w0 = SyntheticChange.initial(SyntheticChange.Init.LOG_NORMAL, 2000, 8);
        float[] w1 = SyntheticChange.perturbed(ne, w0, 0.2, 9);
        StringBuilder csv = new StringBuilder("synapse,before,after\n");
        for (int i = 0; i < w0.length; i++) {
            csv.append(i).append(',').append(Math.abs(w0[i])).append(',').append(Math.abs(w1[i])).append('\n');
        }
        Files.writeString(dir.resolve("sizes.csv"), csv);
        NpzWriter.writeNpy(dir.resolve("w0.npy"), FloatTensor.vector(w0));
        NpzWriter.writeNpy(dir.resolve("w1.npy"), FloatTensor.vector(w1));
        Cli r = Cli.run("score", "--pair", dir.resolve("sizes.csv").toString(), "--pair",
                dir.resolve("w0.npy") + "," + dir.resolve("w1.npy"), "--out", dir.resolve("out").toString(),
                "--bootstrap", "0", "--scan-beta", "none");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("score: 100%").contains("run 'pair-2' scored").contains("ETA");
        JsonNode ids = new ObjectMapper().readTree(dir.resolve("out/identification.json").toFile());
        for (JsonNode run : ids.get("runs")) {
            assertThat(run.get("identified").asText()).as(run.toString()).isEqualTo("negative_entropy");
            assertThat(run.get("confidence").isNull()).isTrue();
            assertThat(run.get("p_hat").asDouble()).isLessThan(1.2);
        }
        JsonNode scores = new ObjectMapper().readTree(dir.resolve("out/scores.json").toFile());
        JsonNode readouts = scores.get("runs").get(1).get("readouts");
        assertThat(readouts.get("sign_flip_fraction").asDouble()).isZero();
        assertThat(readouts.get("zeros_init").asLong()).isZero();
        // w0 is log-normal per sign: its log-normality score sits near the floor 1.2/sqrt(1000)
        assertThat(readouts.get("log_normality").get("positive_init").get("delta_cdf").asDouble()).isLessThan(0.08);
    }
}
