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

    @Test
    void splitsLongValuesSoThatNoRequestBodyExceedsOneMegabyte() {
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            params.put("p" + i, "é".repeat(MlflowLimits.MAX_PARAM_VALUE));
            tags.put("t" + i, "x".repeat(MlflowLimits.MAX_TAG_VALUE));
        }
        List<MlflowLimits.Batch> batches = MlflowLimits.batches(List.of(new MetricPoint("m", 1, 1, 0)), params, tags);
        Map<String, String> seenParams = new LinkedHashMap<>();
        Map<String, String> seenTags = new LinkedHashMap<>();
        int metrics = 0;
        for (MlflowLimits.Batch b : batches) {
            long bytes = 0;
            for (Map.Entry<String, String> e : b.params().entrySet()) {
                bytes += e.getKey().length() + e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            }
            for (Map.Entry<String, String> e : b.tags().entrySet()) {
                bytes += e.getKey().length() + e.getValue().length();
            }
            assertThat(bytes).as("payload of one request").isLessThanOrEqualTo(MlflowLimits.MAX_BATCH_BYTES);
            seenParams.putAll(b.params());
            seenTags.putAll(b.tags());
            metrics += b.metrics().size();
        }
        // 1.2 MB of params and 0.8 MB of tags: at least two requests, everything sent once
        assertThat(batches.size()).isGreaterThanOrEqualTo(2);
        assertThat(seenParams).containsExactlyEntriesOf(params);
        assertThat(seenTags).containsExactlyEntriesOf(tags);
        assertThat(metrics).isEqualTo(1);
    }

    private static Map<String, String> numbered(String prefix, int n) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            m.put(prefix + i, Integer.toString(i));
        }
        return m;
    }
}
