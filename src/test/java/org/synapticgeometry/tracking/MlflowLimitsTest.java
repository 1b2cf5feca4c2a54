package org.synapticgeometry.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MLflow's key rules, value limits and batch limits. */
class MlflowLimitsTest {

    @ParameterizedTest
    @ValueSource(strings = {"train.loss", "score.delta_cdf/hypentropy:0.1", "layer conv1", "a-b_c", "x/y/z"})
    void acceptsMlflowKeys(String key) {
        assertThat(MlflowLimits.checkKey("metric", key)).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "loss!", "a\\b", "../up", "a/../b", "/abs", "./here", "a//b", "tab\tkey", "é"})
    void rejectsInvalidKeysNamingTheRule(String key) {
        assertThatThrownBy(() -> MlflowLimits.checkKey("param", key)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("param key must be 1-250 characters").hasMessageContaining("found '" + key);
    }

    @Test
    void rejectsKeysOverTheLengthLimit() {
        assertThat(MlflowLimits.checkKey("tag", "k".repeat(250))).hasSize(250);
        assertThatThrownBy(() -> MlflowLimits.checkKey("tag", "k".repeat(251)))
                .hasMessageContaining("tag key must be 1-250").hasMessageContaining("(251 chars)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "a/../../b", "/tmp/x", "a\\..\\b", "a#b", "dir/", "./x"})
    void confinesArtifactPathsToTheRun(String path) {
        assertThatThrownBy(() -> MlflowLimits.checkArtifactPath(path)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("artifact path must be relative").hasMessageContaining("stay inside the run");
    }

    @Test
    void truncatesLongValuesAndSaysSo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream warn = new PrintStream(err, true, StandardCharsets.UTF_8);
        String v = MlflowLimits.truncate("param", "config", "x".repeat(7000), MlflowLimits.MAX_PARAM_VALUE, warn);
        assertThat(v).hasSize(6000);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("param 'config' has 7000 characters; MLflow keeps at most 6000, truncated");
        assertThat(MlflowLimits.truncate("tag", "t", "short", 8000, warn)).isEqualTo("short");
    }

    @Test
    void splitsIntoBatchesWithinEveryLimitKeepingAllRecordsInOrder() {
        List<MetricPoint> metrics = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            metrics.add(new MetricPoint("m", i, 1, i));
        }
        Map<String, String> params = numbered("p", 250);
        Map<String, String> tags = numbered("t", 120);
        List<MlflowLimits.Batch> batches = MlflowLimits.batches(metrics, params, tags);
        List<MetricPoint> seen = new ArrayList<>();
        Map<String, String> seenParams = new LinkedHashMap<>();
        Map<String, String> seenTags = new LinkedHashMap<>();
        for (MlflowLimits.Batch b : batches) {
            assertThat(b.metrics().size()).isLessThanOrEqualTo(1000);
            assertThat(b.params().size()).isLessThanOrEqualTo(100);
            assertThat(b.tags().size()).isLessThanOrEqualTo(100);
            assertThat(b.metrics().size() + b.params().size() + b.tags().size()).isLessThanOrEqualTo(1000);
            seen.addAll(b.metrics());
            seenParams.putAll(b.params());
            seenTags.putAll(b.tags());
        }
        assertThat(seen).isEqualTo(metrics);
        assertThat(seenParams).containsExactlyEntriesOf(params);
        assertThat(seenTags).containsExactlyEntriesOf(tags);
        // 2500 metrics: 800 + 900 + 1000 fill the room params/tags leave, so 3 batches suffice
        assertThat(batches).hasSize(3);
        assertThat(MlflowLimits.batches(List.of(), Map.of(), Map.of())).isEmpty();
    }

    private static Map<String, String> numbered(String prefix, int n) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            m.put(prefix + i, Integer.toString(i));
        }
        return m;
    }
}
