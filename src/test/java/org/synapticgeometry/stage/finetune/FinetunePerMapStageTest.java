package org.synapticgeometry.stage.finetune;

import org.synapticgeometry.testing.Fixtures;

import org.synapticgeometry.testing.Cli;
import org.synapticgeometry.testing.NpzFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.synapticgeometry.data.FashionMnistTestData;
import org.synapticgeometry.model.Checkpoint;
import org.synapticgeometry.model.ModelInfo;
import org.synapticgeometry.tracking.Provenance;

/**
 * The paper's fine-tuning protocol on the tiny MLP (D = 12,704, N = ⌊√D⌋ = 112 test images): every
 * trained potential fits its N images. Grids are cut to two or three rates so the suite stays short.
 */
class FinetunePerMapStageTest {
    @TempDir
    static Path shared;
    @TempDir
    Path tmp;
    private static Path pretrained;

    @BeforeAll
    static void pretrainTinyMlp() {
        FashionMnistTestData.requireFashionMnist();
        pretrained = shared.resolve("pretrained");
        Cli r = Cli.run("pretrain-load", "--arch", "mlp-16", "--epochs", "1", "--lr", "0.05", "--train-limit",
                "10000", "--seed", "1", "--out", pretrained.toString());
        assertThat(r.code()).as(r.err()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"2-norm, '3e-2,1e-1'", "3-norm, '3e-2,1e-1'", "negative_entropy, '3e-1,1,3'"})
    void reachesHundredPercentOnItsNImages(String potential, String grid) throws IOException {
        Path out = tmp.resolve(potential);
        Cli r = Cli.run("finetune-per-map", "--checkpoint", pretrained.toString(), "--potential", potential,
                "--seed", "1", "--out", out.toString(), "--lr-grid", grid);
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode train = new ObjectMapper().readTree(out.resolve("train.json").toFile());
        assertThat(train.get("status").asText()).isEqualTo("reached_100");
        assertThat(train.get("reached100").asBoolean()).isTrue();
        assertThat(train.get("n").asInt()).isEqualTo(112);
        assertThat(train.get("train_accuracy_after").asDouble()).isEqualTo(1.0);
        assertThat(train.get("history").size()).isEqualTo(train.get("epochs").asInt());
        assertThat(train.get("epochs").asInt() % 30).as("30 epochs plus 30 per retry").isZero();
        assertThat(train.get("test_accuracy_after").asDouble()).isGreaterThan(0.6);
        ModelInfo info = Checkpoint.readInfo(out.resolve("model.json"));
        assertThat(info.stage()).isEqualTo("finetune-per-map");
        assertThat(info.potential()).isEqualTo(potential);
        assertThat(r.err()).contains("ETA");
    }

    @Test
    void retriesWithThirtyMoreEpochsUntilTheChosenRunFits() throws IOException {
        Path out = tmp.resolve("retry");
        Cli r = Cli.run("finetune-per-map", "--checkpoint", pretrained.toString(), "--potential", "2-norm",
                "--seed", "1", "--out", out.toString(), "--lr-grid", "1e-5", "--max-attempts", "2");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode train = new ObjectMapper().readTree(out.resolve("train.json").toFile());
        assertThat(train.get("status").asText()).isEqualTo("not_reached_100");
        assertThat(train.get("attempts").asInt()).isEqualTo(2);
        assertThat(train.get("trials").findValuesAsText("epochs")).containsExactly("30", "60");
        assertThat(train.get("epochs").asInt()).isEqualTo(60);
    }

    @Test
    void divergenceOfEveryRateEndsWithExitOneAndAClearStatus() throws IOException {
        Path out = tmp.resolve("nan");
        // exponentiated gradient with a huge rate overflows the weights to infinity within a few steps
        Cli r = Cli.run("finetune-per-map", "--checkpoint", pretrained.toString(), "--potential",
                "negative_entropy", "--seed", "1", "--out", out.toString(), "--lr-grid", "1e4", "--epochs", "5",
                "--max-attempts", "1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.lastErrorLine()).isEqualTo("sgeo finetune-per-map: failed: every learning rate of [10000.0]"
                + " diverged (NaN/Inf loss); train.json in " + out + " lists the trials: lower the grid (--lr-grid)");
        JsonNode train = new ObjectMapper().readTree(out.resolve("train.json").toFile());
        assertThat(train.get("status").asText()).isEqualTo("all_diverged");
        assertThat(train.get("diverged").asBoolean()).isTrue();
        assertThat(train.get("trials").get(0).get("diverged").asBoolean()).isTrue();
        assertThat(out.resolve("model.json")).doesNotExist();
    }

    @Test
    void aDivergedRateIsRecordedAndNeverChosen() throws IOException {
        Path out = tmp.resolve("mixed");
        Cli r = Cli.run("finetune-per-map", "--checkpoint", pretrained.toString(), "--potential",
                "negative_entropy", "--seed", "1", "--out", out.toString(), "--lr-grid", "1e4,1", "--max-attempts", "1");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode train = new ObjectMapper().readTree(out.resolve("train.json").toFile());
        assertThat(train.get("trials").get(0).get("lr").asDouble()).isEqualTo(1e4);
        assertThat(train.get("trials").get(0).get("diverged").asBoolean()).isTrue();
        assertThat(train.get("trials").get(1).get("diverged").asBoolean()).isFalse();
        assertThat(train.get("chosen_lr").asDouble()).isEqualTo(1.0);
        assertThat(train.get("diverged").asBoolean()).isFalse();
    }

    @Test
    void nLargerThanTheTestSplitIsAUsageError() {
        Cli r = Cli.run("finetune-per-map", "--checkpoint", pretrained.toString(), "--potential", "2-norm",
                "--seed", "1", "--out", tmp.resolve("o").toString(), "--subset-size", "20000");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.lastErrorLine()).isEqualTo("sgeo finetune-per-map: N must be in [1, 10000] (the size of the test"
                + " split), found 20000");
    }

    @Test
    void unknownPotentialIsAUsageError() {
        Cli r = Cli.run("finetune-per-map", "--checkpoint", pretrained.toString(), "--potential", "4-nrm",
                "--seed", "1", "--out", tmp.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.lastErrorLine()).startsWith("sgeo finetune-per-map: unknown potential '4-nrm'; valid forms:");
    }

    @Test
    void torchScriptFixtureFineTunesAndItsWeightsChange() throws IOException {
        Path imported = tmp.resolve("ts");
        assertThat(Cli.run("pretrain-load", "--torchscript", Fixtures.tinyCnn().toString(), "--out",
                imported.toString()).code()).isZero();
        Path out = tmp.resolve("ts-ft");
        Cli r = Cli.run("finetune-per-map", "--checkpoint", imported.toString(), "--potential", "2-norm",
                "--seed", "2", "--out", out.toString(), "--subset-size", "64", "--epochs", "3", "--lr-grid", "1e-2",
                "--max-attempts", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Checkpoint.readInfo(out.resolve("model.json")).parameterFile()).isEqualTo("model.pt");
        for (String which : new String[] {"ts", "ts-ft"}) {
            assertThat(Cli.run("snapshot", "--checkpoint", tmp.resolve(which).toString(), "--out",
                    tmp.resolve(which + ".npz").toString()).code()).isZero();
        }
        Map<String, float[]> before = NpzFiles.read(tmp.resolve("ts.npz"));
        Map<String, float[]> after = NpzFiles.read(tmp.resolve("ts-ft.npz"));
        assertThat(after.keySet()).containsExactly("conv1", "fc");
        for (String layer : after.keySet()) {
            assertThat(after.get(layer)).as(layer).hasSameSizeAs(before.get(layer)).isNotEqualTo(before.get(layer));
        }
    }

    @Test
    void smallestFittingTakesTheSmallestRateThatFitsAndRecordsTheRelativeChange() throws IOException {
        Path out = tmp.resolve("lazy");
        // an unsorted grid: the rule trains from the smallest rate up and stops at the first that fits
        Cli r = Cli.run("finetune-per-map", "--checkpoint", pretrained.toString(), "--potential", "2-norm",
                "--seed", "1", "--out", out.toString(), "--lr-grid", "1e-1,3e-2", "--lr-rule", "smallest-fitting");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode train = new ObjectMapper().readTree(out.resolve("train.json").toFile());
        assertThat(train.get("lr_rule").asText()).isEqualTo("smallest-fitting");
        assertThat(train.get("status").asText()).isEqualTo("reached_100");
        JsonNode trials = train.get("trials");
        JsonNode last = trials.get(trials.size() - 1);
        assertThat(last.get("train_accuracy").asDouble()).as("the search stops at the first fitting rate").isEqualTo(1.0);
        assertThat(train.get("chosen_lr").asDouble()).isEqualTo(last.get("lr").asDouble());
        for (JsonNode t : trials) {
            if (t.get("epochs").asInt() == last.get("epochs").asInt() && t != last) {
                assertThat(t.get("lr").asDouble()).as("smaller rates come first").isLessThan(last.get("lr").asDouble());
                assertThat(t.get("train_accuracy").asDouble()).as("a smaller rate that fit would have won").isLessThan(1.0);
            }
        }
        // relative change per layer = ||w_T - w_0|| / ||w_0|| of the snapshots, for the chosen trial
        assertThat(Cli.run("snapshot", "--checkpoint", pretrained.toString(), "--out", tmp.resolve("w0.npz").toString())
                .code()).isZero();
        assertThat(Cli.run("snapshot", "--checkpoint", out.toString(), "--out", tmp.resolve("wt.npz").toString())
                .code()).isZero();
        Map<String, float[]> w0 = NpzFiles.read(tmp.resolve("w0.npz"));
        Map<String, float[]> wt = NpzFiles.read(tmp.resolve("wt.npz"));
        JsonNode change = train.get("relative_change");
        assertThat(change.fieldNames()).toIterable().containsExactly("fc1", "fc2");
        for (String layer : w0.keySet()) {
            double d = 0;
            double n = 0;
            for (int i = 0; i < w0.get(layer).length; i++) {
                d += Math.pow((double) wt.get(layer)[i] - w0.get(layer)[i], 2); // in double, as defined
                n += Math.pow(w0.get(layer)[i], 2);
            }
            assertThat(change.get(layer).asDouble()).as(layer).isCloseTo(Math.sqrt(d / n), within(1e-9))
                    .isGreaterThan(0.0);
            assertThat(last.get("relative_change").get(layer).asDouble()).isEqualTo(change.get(layer).asDouble());
        }
        assertThat(r.err()).contains("(smallest-fitting)").contains("relative change fc1 ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--lr-rule | lazy | --lr-rule: unknown learning-rate rule 'lazy'; valid rules: lowest-loss, smallest-fitting,"
            + " bounded-change:B (B > 0, e.g. bounded-change:0.2)",
        "--parallel-trials | 0 | --parallel-trials must be auto or a whole number of trials >= 1 (e.g. 2), found '0'",
        "--parallel-trials | 1.5 | --parallel-trials must be auto or a whole number of trials >= 1 (e.g. 2), found '1.5'"})
    void aBadSearchOptionIsAUsageError(String option, String value, String message) {
        Cli r = Cli.run("finetune-per-map", "--checkpoint", pretrained.toString(), "--potential", "2-norm",
                "--seed", "1", "--out", tmp.resolve("o").toString(), option, value);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.lastErrorLine()).isEqualTo("sgeo finetune-per-map: " + message);
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void parallelTrialsWriteTheBytesOfASequentialOneThreadRunWithTrialsInGridOrder() throws IOException {
        // 1e4 overflows exponentiated gradient within a few steps, so with two trials at once it ends first and
        // 3e-1 starts while 1 still trains: the records must still follow the grid
        String grid = "1,1e4,3e-1";
        Path parallel = tmp.resolve("parallel");
        Cli p = Cli.run("finetune-per-map", "--checkpoint", pretrained.toString(), "--potential", "negative_entropy",
                "--seed", "4", "--out", parallel.toString(), "--lr-grid", grid, "--max-attempts", "1",
                "--parallel-trials", "2");
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.err()).contains("finetune-per-map: 2 trials at once, each on one libtorch thread").contains("ETA");
        Path sequential = tmp.resolve("sequential");
        Cli s = onOneLibtorchThread(() -> Cli.run("finetune-per-map", "--checkpoint", pretrained.toString(),
                "--potential", "negative_entropy", "--seed", "4", "--out", sequential.toString(), "--lr-grid", grid,
                "--max-attempts", "1", "--parallel-trials", "1"));
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.err()).doesNotContain("trials at once");

        assertThat(Provenance.sha256(parallel.resolve("model.params")))
                .isEqualTo(Provenance.sha256(sequential.resolve("model.params")));
        JsonNode a = withoutWallTime(parallel.resolve("train.json"));
        JsonNode b = withoutWallTime(sequential.resolve("train.json"));
        assertThat(a).isEqualTo(b);
        assertThat(a.get("trials").findValuesAsText("lr")).containsExactly("1.0", "10000.0", "0.3");
        assertThat(a.get("trials").get(1).get("diverged").asBoolean()).isTrue();
        assertThat(metrics(parallel)).isEqualTo(metrics(sequential))
                .containsKeys("search/lr_1e00/e30/train_loss", "search/lr_3e-01/e30/train_accuracy", "chosen_lr");
    }

    @Test
    void ratesThatShareMetricKeysTrainOneAtATime() {
        // 0.1 and 0.12 both log as search/lr_1e-01/...: at once, their points would interleave under one key
        Cli r = Cli.run("finetune-per-map", "--checkpoint", pretrained.toString(), "--potential", "2-norm",
                "--seed", "1", "--out", tmp.resolve("shared-keys").toString(), "--lr-grid", "1e-1,1.2e-1", "--epochs",
                "2", "--max-attempts", "1", "--parallel-trials", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("trials at once");
    }

    /** Runs {@code command} with this thread's libtorch ops on one intra-op thread, as SGEO_THREADS=1 would. */
    private static Cli onOneLibtorchThread(java.util.function.Supplier<Cli> command) {
        int before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        try {
            return command.get();
        } finally {
            JniUtils.setNumThreads(before);
        }
    }

    private static JsonNode withoutWallTime(Path trainJson) throws IOException {
        ObjectNode node = (ObjectNode) new ObjectMapper().readTree(trainJson.toFile());
        node.remove("wall_seconds");
        return node;
    }

    /** Every metric of the stage's run in the test file store but its wall time: "value step" lines by key. */
    private static Map<String, List<String>> metrics(Path out) throws IOException {
        String runId = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("run_id").asText();
        Path store = Path.of(URI.create(System.getenv("MLFLOW_TRACKING_URI")));
        Path runDir;
        try (Stream<Path> dirs = Files.find(store, 2, (f, attrs) -> f.getFileName().toString().equals(runId))) {
            runDir = dirs.findFirst().orElseThrow();
        }
        Path metrics = runDir.resolve("metrics");
        Map<String, List<String>> byKey = new TreeMap<>();
        try (Stream<Path> files = Files.walk(metrics)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String key = metrics.relativize(f).toString().replace('\\', '/');
                if (!key.equals("wall_seconds")) {
                    byKey.put(key, Files.readAllLines(f).stream().map(line -> line.substring(line.indexOf(' ') + 1))
                            .toList());
                }
            }
        }
        return byKey;
    }
}
