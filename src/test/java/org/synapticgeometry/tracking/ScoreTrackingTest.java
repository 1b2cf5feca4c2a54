package org.synapticgeometry.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.files.CsvTable;
import org.synapticgeometry.files.Json;
import org.synapticgeometry.files.Manifest;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.snapshot.FloatTensor;
import org.synapticgeometry.snapshot.NpzWriter;
import org.synapticgeometry.stats.SyntheticChange;
import org.synapticgeometry.testing.Cli;

/**
 * The score stage puts each network's science onto the run that produced its weights (manifest column
 * {@code producer_run_id}) in the store the tests use (surefire's {@code MLFLOW_TRACKING_URI}): one point
 * per key at step 0, equal to scores.csv; pairs without a producing run, or whose run does not exist,
 * become child runs of the score run; scoring again adds no duplicate points.
 */
class ScoreTrackingTest {
    private static final List<String> CANDIDATES = List.of("negative_entropy", "1.5-norm", "2-norm", "2.5-norm", "3-norm");
    private static final String MISSING = "ffffffffffffffffffffffffffffffff";

    @TempDir
    Path dir;

    private final FileStore store = new FileStore(TrackingUri.parse(System.getenv(TrackingKeys.ENV_URI)).store());

    @Test
    void scoresLandOnTheProducingRunOnceAndOtherPairsBecomeChildRuns() throws IOException {
        String producer;
        try (TrackedRun ft = Tracking.startStage("finetune-per-map", null, Map.of("lr", "0.001"),
                Map.of("potential", "2-norm", "seed", "1"))) {
            producer = ft.runId();
        }
        Path m = dir.resolve(Manifest.FILE);
        Files.writeString(m, Manifest.HEADER + "," + Manifest.PRODUCER_RUN_ID + "\n"
                + pair("gd", "2-norm", 1) + "," + producer + "\n"
                + pair("ne", "negative_entropy", 2) + ",\n"
                + pair("p3", "3-norm", 3) + "," + MISSING + "\n");
        Cli first = Cli.run("score", "--manifest", m.toString(), "--out", dir.resolve("a").toString(), "--bootstrap", "5",
                "--candidates", String.join(",", CANDIDATES));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err()).contains("run " + MISSING + " does not exist in " + store.describe())
                .contains("tracked 3 network(s): 1 on the runs that produced them, 2 as child runs of score run");
        String scoreRun = runId(dir.resolve("a"));

        StoredRun p = store.readRun(producer);
        Map<String, Double> pooled = pooledDeltaCdf(dir.resolve("a/scores.csv"), "gd");
        for (String c : CANDIDATES) {
            assertThat(points(p, "delta_cdf." + c)).as(c).hasSize(1);
            assertThat(points(p, "delta_cdf." + c).get(0).value()).isEqualTo(pooled.get(c));
            assertThat(points(p, "delta_cdf." + c).get(0).step()).isZero();
            for (String k : List.of("delta_cdf_grid.", "delta_cdf_centered.", "ks.", "anderson_darling.", "magnitude.",
                    "standardized.delta_cdf.")) {
                assertThat(points(p, k + c)).as(k + c).hasSize(1);
            }
        }
        assertThat(points(p, "p_hat")).hasSize(1);
        assertThat(points(p, "floor")).hasSize(1);
        assertThat(p.tags()).containsEntry("trained_potential", "2-norm").containsEntry("architecture", "mlp")
                .containsEntry("seed", "1").containsEntry("sgeo.scored_by", scoreRun)
                .containsEntry("identified_correct", Boolean.toString("2-norm".equals(p.tags().get("identified"))))
                .containsKey("identified.standardized");
        assertThat(p.status()).isEqualTo("FINISHED");

        Map<String, StoredRun> children = children(scoreRun);
        assertThat(children).containsOnlyKeys("ne", "p3");
        StoredRun ne = children.get("ne");
        assertThat(ne.tags()).containsEntry("trained_potential", "negative_entropy").containsEntry("stage", "score-pair");
        assertThat(ne.status()).isEqualTo("FINISHED");
        assertThat(points(ne, "delta_cdf.negative_entropy").get(0).value())
                .isEqualTo(pooledDeltaCdf(dir.resolve("a/scores.csv"), "ne").get("negative_entropy"));
        assertThat(children.get("p3").params()).containsEntry("producer_run_id", MISSING);

        Cli again = Cli.run("score", "--manifest", m.toString(), "--out", dir.resolve("b").toString(), "--bootstrap", "5",
                "--candidates", String.join(",", CANDIDATES));
        assertThat(again.code()).as(again.err()).isZero();
        StoredRun p2 = store.readRun(producer);
        for (String key : p2.metrics().stream().map(MetricPoint::key).distinct().toList()) {
            assertThat(points(p2, key)).as("points of %s after a second scoring", key).hasSize(1);
        }
        assertThat(p2.tags()).containsEntry("sgeo.scored_by", runId(dir.resolve("b")));
    }

    private String pair(String id, String potential, long seed) {
        Potential truth = Potentials.parse(potential);
        float[] w0 = SyntheticChange.initial(SyntheticChange.Init.LOG_NORMAL, 3000, seed * 31);
        float[] w1 = SyntheticChange.perturbed(truth, w0, 0.1, seed * 17);
        NpzWriter.writeNpz(dir.resolve(id + "/init.npz"), Map.of("fc1", new FloatTensor(new int[] {30, 100}, w0)));
        NpzWriter.writeNpz(dir.resolve(id + "/final.npz"), Map.of("fc1", new FloatTensor(new int[] {30, 100}, w1)));
        return id + "," + id + "/init.npz," + id + "/final.npz," + potential + ",mlp," + seed;
    }

    private static String runId(Path out) {
        return Json.readTree(out.resolve("run.json"), "run.json").path("run_id").asText();
    }

    private static List<MetricPoint> points(StoredRun r, String key) {
        return r.metrics().stream().filter(x -> x.key().equals(key)).toList();
    }

    private static Map<String, Double> pooledDeltaCdf(Path csv, String runId) {
        CsvTable t = CsvTable.read(csv, "scores");
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < t.size(); i++) {
            List<String> row = t.row(i);
            if (row.get(t.column("run_id")).equals(runId) && row.get(t.column("scope")).equals("pooled")) {
                out.put(row.get(t.column("candidate")), Double.parseDouble(row.get(t.column("delta_cdf"))));
            }
        }
        return out;
    }

    private Map<String, StoredRun> children(String parent) {
        Map<String, StoredRun> out = new LinkedHashMap<>();
        for (String exp : store.experiments().keySet()) {
            for (String id : store.runIds(exp)) {
                StoredRun r = store.readRun(id);
                if (parent.equals(r.tags().get(TrackingKeys.PARENT))) {
                    out.put(r.runName(), r);
                }
            }
        }
        return out;
    }
}
