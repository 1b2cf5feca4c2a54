package org.synapticgeometry.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.files.Json;
import org.synapticgeometry.files.Manifest;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.snapshot.FloatTensor;
import org.synapticgeometry.snapshot.NpzWriter;
import org.synapticgeometry.stats.SyntheticChange;
import org.synapticgeometry.testing.Cli;
import org.synapticgeometry.testing.PythonPeer;

/**
 * The dashboard contract against a real {@code mlflow server}, read with MLflow's Python client: after a
 * scoring, {@code search_runs} with {@code tags.identified = '...'} returns exactly the networks the score
 * stage identified so; every scored network holds one point per {@code delta_cdf.*} key, also after a
 * second scoring; the experiment opens as a machine-learning experiment (runs table, not traces); two
 * reproductions' parent runs differ in their params only where their inputs differ.
 */
@Tag("mlflow")
class DashboardServerTest {
    private static final List<String> CANDIDATES = List.of("negative_entropy", "2-norm", "3-norm");
    private static final String SEARCH = String.join("\n",
            "import json, sys",
            "from mlflow import MlflowClient",
            "uri, name, flt = sys.argv[1], sys.argv[2], sys.argv[3]",
            "order = sys.argv[4:]",
            "c = MlflowClient(uri)",
            "e = c.get_experiment_by_name(name)",
            "runs = c.search_runs([e.experiment_id], filter_string=flt, max_results=1000, order_by=order)",
            "out = {'kind': e.tags.get('mlflow.experimentKind'), 'view': e.tags.get('" + ScienceView.TAG + "'),",
            "    'order': [r.info.run_id for r in runs], 'runs': {}}",
            "for r in runs:",
            "    out['runs'][r.info.run_id] = {'params': r.data.params, 'tags': r.data.tags, 'metrics': r.data.metrics,",
            "        'points': {k: len(c.get_metric_history(r.info.run_id, k)) for k in r.data.metrics if k.startswith('delta_cdf.')}}",
            "print(json.dumps(out))");

    @RegisterExtension
    static final MlflowServer server = new MlflowServer();

    @TempDir
    Path work;

    private TrackingConfig config(String experiment) {
        return TrackingConfig.fromEnv(Map.of(TrackingKeys.ENV_URI, server.uri(), TrackingKeys.ENV_EXPERIMENT, experiment,
                TrackingKeys.ENV_SPOOL, work.resolve("spool").toString()));
    }

    @Test
    void searchByIdentifiedGeometryFindsExactlyThoseNetworksEachWithOneValuePerKey() throws Exception {
        String exp = "dash-" + UUID.randomUUID();
        List<String> rows = new ArrayList<>();
        Map<String, String> producers = new LinkedHashMap<>();
        String[][] networks = {{"ne1", "negative_entropy"}, {"ne2", "negative_entropy"}, {"gd1", "2-norm"},
            {"p31", "3-norm"}};
        for (int i = 0; i < networks.length; i++) {
            try (TrackedRun ft = Tracking.startStage(config(exp), "finetune-per-map", null, Map.of("lr", "0.001"),
                    Map.of("potential", networks[i][1], "seed", Integer.toString(i)))) {
                producers.put(networks[i][0], ft.runId());
                rows.add(pair(networks[i][0], networks[i][1], i + 1) + "," + ft.runId());
            }
        }
        rows.add(pair("user", "negative_entropy", 9) + ",");
        Path manifest = Files.writeString(work.resolve(Manifest.FILE), Manifest.HEADER + "," + Manifest.PRODUCER_RUN_ID
                + "\n" + String.join("\n", rows) + "\n");
        score(exp, manifest, work.resolve("a"));
        score(exp, manifest, work.resolve("b"));

        Map<String, String> identified = identified(work.resolve("b/identification.json"));
        Set<String> expected = new HashSet<>();
        identified.forEach((run, id) -> {
            if (id.equals("negative_entropy") && producers.containsKey(run)) {
                expected.add(producers.get(run));
            }
        });
        assertThat(expected).as("networks identified as negative_entropy").isNotEmpty();
        JsonNode found = search(exp, "tags.identified = 'negative_entropy' and tags.stage = 'finetune-per-map'");
        assertThat(found.get("kind").asText()).isEqualTo(TrackingKeys.EXPERIMENT_KIND_ML);
        assertThat(ids(found)).isEqualTo(new TreeSet<>(expected));

        JsonNode scored = search(exp, "tags.`sgeo.scored_by` != ''").get("runs");
        assertThat(scored.size()).as("4 producing runs and 2 child runs (one per scoring) of the user's pair").isEqualTo(6);
        for (JsonNode r : scored) {
            for (String c : CANDIDATES) {
                assertThat(r.at("/points/delta_cdf." + c).asInt()).as("points of delta_cdf.%s in %s", c, r.get("tags"))
                        .isEqualTo(1);
            }
            assertThat(r.at("/tags/identified_correct").asText())
                    .isEqualTo(Boolean.toString(r.at("/tags/identified").asText().equals(r.at("/tags/trained_potential").asText())));
        }
    }

    @Test
    void theScienceViewOfAReproductionShowsItsNetworksWithColumnsTheyHave() throws Exception {
        String exp = "view-" + UUID.randomUUID();
        String parent = Tracking.startParent(config(exp), "tiny_curie", Map.of());
        List<String> rows = new ArrayList<>();
        Set<String> networks = new TreeSet<>();
        String[] potentials = {"negative_entropy", "2-norm", "3-norm"};
        for (int i = 0; i < potentials.length; i++) {
            try (TrackedRun ft = Tracking.startStage(config(exp), "finetune-per-map", null, Map.of("lr", "0.001"),
                    Map.of("potential", potentials[i], "seed", Integer.toString(i)))) {
                networks.add(ft.runId());
                rows.add(pair("n" + i, potentials[i], i + 1) + "," + ft.runId());
            }
        }
        rows.add(pair("user", "negative_entropy", 9) + ",");
        Path manifest = Files.writeString(work.resolve(Manifest.FILE), Manifest.HEADER + "," + Manifest.PRODUCER_RUN_ID
                + "\n" + String.join("\n", rows) + "\n");
        score(exp, manifest, work.resolve("results/scores"), "tracked 4 network(s): 3 on the runs that produced them");
        ReproductionSummary.log(config(exp), parent, work.resolve("results"), work, null, 1.0);

        JsonNode before = search(exp, "tags.stage = 'workflow'");
        JsonNode envelope = Json.mapper().readTree(before.get("view").asText());
        assertThat(envelope.get("name").asText()).isEqualTo(ScienceView.NAME);
        assertThat(envelope.get("createdAt").isNumber()).isTrue();
        JsonNode state = Json.mapper().readTree(envelope.get("state").asText());
        List<String> columns = new ArrayList<>();
        state.get("selectedColumns").forEach(c -> columns.add(c.asText()));
        assertThat(columns).containsAll(CANDIDATES.stream().map(c -> "metrics.`delta_cdf." + c + "`").toList())
                .contains("tags.`identified`", "metrics.`test_accuracy_after`", "metrics.`chosen_lr`");
        String url = before.at("/runs/" + parent + "/tags/" + TrackingKeys.SCIENCE_VIEW).asText();
        assertThat(url).matches(java.util.regex.Pattern.quote(server.uri()) + "/#/experiments/[0-9]+/runs\\?viewStateShareKey="
                + ScienceView.KEY + "&workflowType=machine_learning");

        // the view's filter and order run on the real server: exactly the three networks (not the user's pair,
        // not the parent), ordered by trained potential, each holding the view's delta_cdf and tag columns
        JsonNode shown = search(exp, state.get("searchFilter").asText(),
                state.get("orderByKey").asText() + (state.get("orderByAsc").asBoolean() ? " ASC" : " DESC"));
        assertThat(ids(shown)).isEqualTo(networks);
        List<String> order = new ArrayList<>();
        shown.get("order").forEach(id -> order.add(shown.at("/runs/" + id.asText() + "/tags/trained_potential").asText()));
        assertThat(order).containsExactly("2-norm", "3-norm", "negative_entropy");
        for (JsonNode r : shown.get("runs")) {
            for (String c : columns) {
                if (c.startsWith("tags.") || c.startsWith("metrics.`delta_cdf.")) {
                    String key = c.substring(c.indexOf('`') + 1, c.length() - 1);
                    assertThat(r.path(c.startsWith("tags.") ? "tags" : "metrics").has(key)).as("%s of %s", c, r.get("tags"))
                            .isTrue();
                }
            }
        }
    }

    @Test
    void aStagesInputFilesAreItsDatasetInputsWithTheirDigests() throws Exception {
        String exp = "inputs-" + UUID.randomUUID();
        Path manifest = Files.writeString(work.resolve(Manifest.FILE), Manifest.HEADER + "\n"
                + pair("gd", "2-norm", 1) + "\n");
        score(exp, manifest, work.resolve("s"), "tracked 1 network(s): 0 on the runs that produced them");
        RunRecord record = RunRecord.read(work.resolve("s/run.json"));
        String out = PythonPeer.run(String.join("\n", "import json, sys", "from mlflow import MlflowClient",
                "r = MlflowClient(sys.argv[1]).get_run(sys.argv[2])",
                "print(json.dumps({i.dataset.name: i.dataset.digest for i in r.inputs.dataset_inputs}))"),
                Map.of("MLFLOW_DISABLE_TELEMETRY", "true"), server.uri(), record.runId());
        JsonNode datasets = Json.mapper().readTree(out.lines().reduce((x, y) -> y).orElse("{}"));
        assertThat(datasets.size()).isEqualTo(3);
        for (RunRecord.FileHash h : record.inputs()) {
            assertThat(datasets.path(Path.of(h.path()).getFileName().toString()).asText()).as(h.path())
                    .isEqualTo(h.sha256().substring(0, 32));
        }
    }

    @Test
    void twoReproductionsParentRunsDifferOnlyWhereTheirInputsDiffer() throws Exception {
        String exp = "repro-" + UUID.randomUUID();
        Path out = Files.createDirectories(work.resolve("results/report"));
        Files.writeString(out.resolve("summary.md"), "# summary\n");
        List<String> ids = new ArrayList<>();
        for (String seeds : List.of("[1,2]", "[1,3]")) {
            String id = Tracking.startParent(config(exp), "run-" + seeds, Map.of("workflow", "smoke.nf"),
                    ReproductionSummary.params(Json.mapper().readTree("{\"seeds\":" + seeds
                            + ",\"candidates\":[\"2-norm\",\"3-norm\"]}"), Map.of("sgeo_build", "b1", "git_commit", "c1",
                            "nextflow.run_name", "run-" + seeds, "nextflow.profile", "test")));
            ReproductionSummary.log(config(exp), id, work.resolve("results"), work, null, 1.0);
            Tracking.endRun(config(exp), id, RunStatus.FINISHED);
            ids.add(id);
        }
        JsonNode runs = search(exp, "tags.stage = 'workflow'").get("runs");
        JsonNode a = runs.get(ids.get(0)).get("params");
        JsonNode b = runs.get(ids.get(1)).get("params");
        Set<String> differing = new TreeSet<>();
        a.fieldNames().forEachRemaining(k -> {
            if (!a.get(k).equals(b.get(k))) {
                differing.add(k);
            }
        });
        assertThat(differing).containsExactly("nextflow.run_name", "params.seeds");
        assertThat(a.get("params.candidates").asText()).isEqualTo("[2-norm, 3-norm]");
        assertThat(runs.get(ids.get(0)).at("/metrics/runs_failed").asDouble()).isZero();
    }

    private void score(String exp, Path manifest, Path out) throws IOException, InterruptedException {
        score(exp, manifest, out, "tracked 5 network(s): 4 on the runs that produced them, 1 as child runs");
    }

    private void score(String exp, Path manifest, Path out, String expected) throws IOException, InterruptedException {
        Cli score = server.sgeo(Map.of(TrackingKeys.ENV_EXPERIMENT, exp), "score", "--manifest", manifest.toString(),
                "--out", out.toString(), "--bootstrap", "5", "--candidates", String.join(",", CANDIDATES));
        assertThat(score.code()).as(score.err()).isZero();
        assertThat(score.out() + score.err()).contains(expected);
    }

    private String pair(String id, String potential, long seed) {
        float[] w0 = SyntheticChange.initial(SyntheticChange.Init.LOG_NORMAL, 3000, seed * 31);
        float[] w1 = SyntheticChange.perturbed(Potentials.parse(potential), w0, 0.1, seed * 17);
        NpzWriter.writeNpz(work.resolve(id + "/init.npz"), Map.of("fc1", new FloatTensor(new int[] {30, 100}, w0)));
        NpzWriter.writeNpz(work.resolve(id + "/final.npz"), Map.of("fc1", new FloatTensor(new int[] {30, 100}, w1)));
        return id + "," + id + "/init.npz," + id + "/final.npz," + potential + ",mlp," + seed;
    }

    private static Map<String, String> identified(Path identification) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode r : Json.readTree(identification, "identification.json").path("runs")) {
            if (r.path("scope").asText().equals("pooled")) {
                out.put(r.path("run_id").asText(), r.path("identified").asText());
            }
        }
        return out;
    }

    private static JsonNode search(String exp, String filter, String... orderBy) throws IOException {
        List<String> args = new ArrayList<>(List.of(server.uri(), exp, filter));
        args.addAll(List.of(orderBy));
        String out = PythonPeer.run(SEARCH, Map.of("MLFLOW_DISABLE_TELEMETRY", "true"), args.toArray(String[]::new));
        return JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build()
                .readTree(out.lines().reduce((x, y) -> y).orElse("{}"));
    }

    private static Set<String> ids(JsonNode found) {
        Set<String> out = new TreeSet<>();
        found.get("runs").fieldNames().forEachRemaining(out::add);
        return out;
    }
}
