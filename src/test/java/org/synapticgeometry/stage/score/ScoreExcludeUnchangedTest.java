package org.synapticgeometry.stage.score;

import org.synapticgeometry.files.Manifest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.snapshot.FloatTensor;
import org.synapticgeometry.snapshot.NpzWriter;
import org.synapticgeometry.stats.SyntheticChange;
import org.synapticgeometry.testing.Cli;

/**
 * {@code sgeo score --exclude-unchanged}: weights that never moved (40% here, like the zero-pixel
 * weights of a fine-tuned MLP) put an atom at 0 into every dual change; leaving them out brings the
 * trained geometry's ΔCDF back near the Gaussian floor.
 */
class ScoreExcludeUnchangedTest {
    private static final int N = 4000;
    private static final int FROZEN = 1600;

    @TempDir
    Path dir;

    @Test
    void leavingOutNeverChangedWeightsRemovesTheAtomAtZero() throws IOException {
        Path m = manifest(run("ne", 0.1), run("frozen", 0.0));
        JsonNode with = score(m, "with", true);
        JsonNode without = score(m, "without", false);

        JsonNode run = runNode(with, "ne");
        assertThat(run.get("unchanged_excluded").asLong()).isEqualTo(FROZEN);
        assertThat(pooledRow(with, "ne", "negative_entropy").get("n").asLong()).isEqualTo(N - FROZEN);
        assertThat(pooledRow(without, "ne", "negative_entropy").get("n").asLong()).isEqualTo(N);
        assertThat(runNode(without, "ne").get("unchanged_excluded").asLong()).isZero();

        double kept = pooledRow(without, "ne", "negative_entropy").get("delta_cdf").asDouble();
        double dropped = pooledRow(with, "ne", "negative_entropy").get("delta_cdf").asDouble();
        // an atom of 40% at 0 in a standardised sample: ΔCDF ≥ 0.2; without it the floor 1.2/√2400 ≈ 0.025
        assertThat(kept).isGreaterThan(0.2);
        assertThat(dropped).isLessThan(0.06);

        assertThat(runNode(with, "frozen").get("status").asText()).isEqualTo("failed");
        assertThat(runNode(with, "frozen").get("reason").asText()).contains("no weight changed", "all 4000 equal");
        assertThat(runNode(without, "frozen").get("status").asText()).as("an empty change is never scored").isEqualTo("failed");
    }

    private JsonNode score(Path manifest, String out, boolean exclude) throws IOException {
        Path o = dir.resolve(out);
        Cli r = exclude
                ? Cli.run("score", "--manifest", manifest.toString(), "--out", o.toString(), "--bootstrap", "0",
                        "--scan-p", "none", "--scan-beta", "none", "--scopes", "pooled", "--exclude-unchanged")
                : Cli.run("score", "--manifest", manifest.toString(), "--out", o.toString(), "--bootstrap", "0",
                        "--scan-p", "none", "--scan-beta", "none", "--scopes", "pooled");
        // the frozen run cannot be scored (exit 2, the other run still scored)
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        return new ObjectMapper().readTree(o.resolve("scores.json").toFile());
    }

    /** A run trained with negative entropy at relative step {@code sigma}; the first FROZEN weights never move. */
    private String run(String id, double sigma) {
        float[] w0 = SyntheticChange.initial(SyntheticChange.Init.LOG_NORMAL, N, 11);
        float[] w1 = sigma == 0 ? w0.clone() : SyntheticChange.perturbed(Potentials.parse("negative_entropy"), w0, sigma, 12);
        System.arraycopy(w0, 0, w1, 0, FROZEN);
        NpzWriter.writeNpz(dir.resolve(id + "/init.npz"), Map.of("fc1", new FloatTensor(new int[] {40, 100}, w0)));
        NpzWriter.writeNpz(dir.resolve(id + "/final.npz"), Map.of("fc1", new FloatTensor(new int[] {40, 100}, w1)));
        return id + "," + id + "/init.npz," + id + "/final.npz,negative_entropy,mlp,1";
    }

    private Path manifest(String... rows) throws IOException {
        Path m = dir.resolve("manifest.csv");
        Files.writeString(m, Manifest.HEADER + "\n" + String.join("\n", rows) + "\n");
        return m;
    }

    private static JsonNode runNode(JsonNode scores, String id) {
        for (JsonNode r : scores.get("runs")) {
            if (r.get("run_id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no run " + id);
    }

    private static JsonNode pooledRow(JsonNode scores, String id, String candidate) {
        for (JsonNode r : scores.get("rows")) {
            if (r.get("run_id").asText().equals(id) && r.get("scope").asText().equals("pooled")
                    && r.get("candidate").asText().equals(candidate)) {
                return r;
            }
        }
        throw new AssertionError("no pooled row " + id + " " + candidate);
    }
}
