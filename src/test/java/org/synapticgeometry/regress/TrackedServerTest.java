package org.synapticgeometry.regress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.files.Json;
import org.synapticgeometry.testing.Cli;
import org.synapticgeometry.tracking.MlflowServer;
import org.synapticgeometry.tracking.ServerSettings;
import org.synapticgeometry.tracking.ServerTracker;
import org.synapticgeometry.tracking.TrackingKeys;
import org.synapticgeometry.tracking.TrackingUri;

/**
 * {@code mlflow:<run id>} sources against a real {@code mlflow server}: two reproductions (the smoke, and the
 * smoke with one network's accuracy moved) logged as parent runs with their stage runs' artifacts, then
 * {@code sgeo regress check}, {@code regress update} and {@code compare} in a child JVM read them over REST and
 * HTTP artifact downloads; unknown runs, stage runs and an unreachable server are exit 2 with one line.
 */
@Tag("mlflow")
class TrackedServerTest {
    private static final String MOVED = "test_accuracy mlp-16 trained=3-norm";

    @RegisterExtension
    static final MlflowServer server = new MlflowServer();
    @TempDir
    static Path folders;
    private static TrackedFixture smoke;
    private static TrackedFixture moved;
    private static Path smokeFolder;
    private static Path movedFolder;

    @TempDir
    Path work;

    @BeforeAll
    static void logTwoReproductions() throws Exception {
        smokeFolder = RegressCommandTest.copy(RegressCommandTest.FIXTURES.resolve("smoke-s12"), folders.resolve("smoke"));
        movedFolder = RegressCommandTest.copy(smokeFolder, folders.resolve("moved"));
        RegressCommandTest.editJson(movedFolder.resolve("deep/mlp-16-3-norm-s1/finetuned/train.json"),
                t -> ((ObjectNode) t).put("test_accuracy_after", 0.5));
        try (ServerTracker t = new ServerTracker(TrackingUri.parse(server.uri()), ServerSettings.defaults())) {
            smoke = TrackedFixture.log(t, "sgeo-smoke", smokeFolder);
            moved = TrackedFixture.log(t, "sgeo-smoke", movedFolder);
        }
    }

    private static Cli sgeo(String... args) throws Exception {
        return server.sgeo(Map.of(), args);
    }

    @Test
    void aReproductionOnTheServerIsABaselineThatPassesItselfAndNamesWhatMoved() throws Exception {
        String baseline = "mlflow:" + smoke.parent();
        Cli same = sgeo("regress", "check", "--baseline", baseline, "--results", smokeFolder.toString());
        assertThat(same.code()).as(same.err()).isZero();
        assertThat(same.out()).startsWith("### sgeo regress check: passed, all 75 figures inside their bands")
                .contains("75 figure(s) unchanged");

        Path json = work.resolve("check.json");
        Cli fail = sgeo("regress", "check", "--baseline", baseline, "--results", "mlflow:" + moved.parent(),
                "--json", json.toString());
        assertThat(fail.code()).as(fail.err()).isEqualTo(1);
        assertThat(fail.out()).startsWith("### sgeo regress check: FAILED, 1 of 75 figures outside their bands")
                .contains("| " + MOVED + " |");
        JsonNode report = Json.readTree(json, "report");
        assertThat(report.path("verdicts").get(0).path("name").asText()).isEqualTo(MOVED);
        assertThat(report.path("verdicts").get(0).path("inside").asBoolean()).isFalse();

        Path file = work.resolve("baseline.json");
        Cli update = sgeo("regress", "update", "--results", baseline, "--out", file.toString());
        assertThat(update.code()).as(update.err()).isZero();
        JsonNode b = Json.readTree(file, "baseline");
        assertThat(b.path("figures")).hasSize(75);
        assertThat(b.path("experiment").asText()).isEqualTo("sgeo-smoke");
        assertThat(b.path("provenance").path("results").asText()).isEqualTo(baseline);
    }

    @Test
    void twoParentRunsCompareSideBySide() throws Exception {
        Cli c = sgeo("compare", "mlflow:" + smoke.parent(), "mlflow:" + moved.parent(), "--format", "json");
        assertThat(c.code()).as(c.err()).isZero();
        JsonNode j = Json.mapper().readTree(c.out());
        assertThat(j.path("figures")).hasSize(27);
        int changed = 0;
        for (JsonNode f : j.path("figures")) {
            if (f.path("change").asDouble() != 0) {
                changed++;
                assertThat(f.path("name").asText()).isEqualTo(MOVED);
                assertThat(f.path("b").asDouble() - f.path("a").asDouble()).isEqualTo(f.path("change").asDouble());
            }
        }
        assertThat(changed).isEqualTo(1);
    }

    @Test
    void anUnknownRunAStageRunAndAnUnreachableServerAreExit2WithOneLine() throws Exception {
        String unknown = "0123456789abcdef0123456789abcdef";
        Cli none = sgeo("compare", "mlflow:" + unknown, smokeFolder.toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err().strip()).isEqualTo("sgeo compare: mlflow:" + unknown + " is not a run in the tracking store "
                + server.uri() + "; set MLFLOW_TRACKING_URI to the store that holds it");

        String stage = smoke.children().get(0);
        Cli child = sgeo("regress", "check", "--baseline", "mlflow:" + stage, "--results", smokeFolder.toString());
        assertThat(child.code()).isEqualTo(2);
        assertThat(child.err().strip()).doesNotContain("\n").contains("mlflow:" + stage)
                .contains("stage run, not the parent run of a reproduction");

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Cli down = server.sgeo(Map.of(TrackingKeys.ENV_URI, "http://127.0.0.1:" + closed),
                "regress", "update", "--results", "mlflow:" + smoke.parent(), "--out", work.resolve("b.json").toString());
        assertThat(down.code()).isEqualTo(2);
        assertThat(down.err().strip()).doesNotContain("\n").startsWith("sgeo regress update: mlflow:" + smoke.parent()
                + ": MLflow server http://127.0.0.1:" + closed + " failed to get run after 4 attempts")
                .endsWith("start the server or set MLFLOW_TRACKING_URI to one that runs");
        assertThat(work.resolve("b.json")).doesNotExist();
    }
}
