package org.synapticgeometry.tracking;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

/**
 * MLflow's naming rules and size limits (identical on the server and the file store): key syntax,
 * value lengths (over-long values are truncated with a warning, as MLflow does by default) and
 * per-request batch sizes and body size.
 */
public final class MlflowLimits {
    /** Longest metric, param or tag key. */
    public static final int MAX_KEY = 250;
    /** Longest param value. */
    public static final int MAX_PARAM_VALUE = 6000;
    /** Longest run tag value. */
    public static final int MAX_TAG_VALUE = 8000;
    /** Longest experiment name. */
    public static final int MAX_EXPERIMENT_NAME = 500;
    /** Metrics per log-batch request. */
    public static final int MAX_BATCH_METRICS = 1000;
    /** Params per log-batch request. */
    public static final int MAX_BATCH_PARAMS = 100;
    /** Tags per log-batch request. */
    public static final int MAX_BATCH_TAGS = 100;
    /** Items per log-batch request. */
    public static final int MAX_BATCH_TOTAL = 1000;
    /** Bytes of one log-batch request body. */
    public static final int MAX_BATCH_BYTES = 1_000_000;
    /** JSON framing of one item in a log-batch body (braces, quotes, field names, timestamp and step), an upper bound. */
    static final int ITEM_OVERHEAD_BYTES = 96;

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_\\-. /:]+");
    private static final Pattern ARTIFACT = Pattern.compile("[^\\\\#\\x00-\\x1f]*");

    private MlflowLimits() {
    }

    /**
     * Checks a metric, param or tag key.
     *
     * @throws IllegalArgumentException naming the kind of key, the rule and the key
     */
    public static String checkKey(String kind, String key) {
        if (validKey(key)) {
            return key;
        }
        throw new IllegalArgumentException(kind + " key must be 1-" + MAX_KEY + " characters of letters, digits,"
                + " '_', '-', '.', '/', ' ', ':' forming a clean relative path (no '..', no leading '/' or './'),"
                + " found '" + abbreviate(key) + "'");
    }

    /** True if {@code key} is a valid metric, param or tag key. */
    public static boolean validKey(String key) {
        return key != null && key.length() <= MAX_KEY && KEY.matcher(key).matches() && cleanRelative(key);
    }

    /**
     * Checks an artifact path relative to the run's artifact root ("" for the root itself).
     *
     * @throws IllegalArgumentException when the path could leave the run's artifact folder
     */
    public static String checkArtifactPath(String path) {
        String p = path == null ? "" : path;
        if (p.isEmpty() || (ARTIFACT.matcher(p).matches() && cleanRelative(p) && !p.endsWith("/"))) {
            return p;
        }
        throw new IllegalArgumentException("artifact path must be relative, use '/' separators and stay inside the"
                + " run (no '..', '\\', '#', leading '/'), found '" + abbreviate(p) + "'");
    }

    /**
     * Checks an experiment name.
     *
     * @throws IllegalArgumentException when blank or longer than MLflow allows
     */
    public static String checkExperimentName(String name) {
        if (name != null && !name.isBlank() && name.length() <= MAX_EXPERIMENT_NAME) {
            return name;
        }
        throw new IllegalArgumentException(TrackingKeys.ENV_EXPERIMENT + " (experiment name) must be 1-"
                + MAX_EXPERIMENT_NAME + " characters, found '" + abbreviate(name) + "'");
    }

    /** Truncates {@code value} to {@code max} characters, warning on {@code warn} when it does. */
    public static String truncate(String kind, String key, String value, int max, PrintStream warn) {
        String v = value == null ? "" : value;
        if (v.length() <= max) {
            return v;
        }
        warn.println("sgeo tracking: warning: " + kind + " '" + key + "' has " + v.length()
                + " characters; MLflow keeps at most " + max + ", truncated");
        return v.substring(0, max);
    }

    /**
     * Splits records into log-batch requests within MLflow's per-request limits (counts and body size),
     * keeping order: params first, then tags, then metrics.
     *
     * @return at least one batch when there is anything to send, none otherwise
     */
    public static List<Batch> batches(List<MetricPoint> metrics, Map<String, String> params, Map<String, String> tags) {
        List<Batch> out = new ArrayList<>();
        List<Map.Entry<String, String>> p = List.copyOf(params.entrySet());
        List<Map.Entry<String, String>> t = List.copyOf(tags.entrySet());
        int ip = 0;
        int it = 0;
        int im = 0;
        while (ip < p.size() || it < t.size() || im < metrics.size()) {
            Map<String, String> bp = new LinkedHashMap<>();
            Map<String, String> bt = new LinkedHashMap<>();
            List<MetricPoint> bm = new ArrayList<>();
            long[] bytes = {0};
            ip = fill(p, ip, MAX_BATCH_PARAMS, bytes, e -> bytes(e.getKey(), e.getValue()), e -> bp.put(e.getKey(), e.getValue()));
            it = fill(t, it, MAX_BATCH_TAGS, bytes, e -> bytes(e.getKey(), e.getValue()), e -> bt.put(e.getKey(), e.getValue()));
            int room = Math.min(MAX_BATCH_METRICS, MAX_BATCH_TOTAL - bp.size() - bt.size());
            im = fill(metrics, im, room, bytes, x -> bytes(x.key(), ""), bm::add);
            out.add(new Batch(List.copyOf(bm), bp, bt));
        }
        return out;
    }

    /**
     * Moves items from {@code from} on into {@code sink} while fewer than {@code max} were moved and the body
     * stays within {@link #MAX_BATCH_BYTES} (an item that alone starts a batch always goes); returns the next index.
     */
    private static <T> int fill(List<T> items, int from, int max, long[] bytes, ToLongFunction<T> size, Consumer<T> sink) {
        int i = from;
        while (i < items.size() && i - from < max) {
            long b = size.applyAsLong(items.get(i));
            if (bytes[0] > 0 && bytes[0] + b > MAX_BATCH_BYTES) {
                break;
            }
            sink.accept(items.get(i));
            bytes[0] += b;
            i++;
        }
        return i;
    }

    /** An upper bound of the bytes one item adds to a log-batch body. */
    static long bytes(String key, String value) {
        return (long) key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length
                + ITEM_OVERHEAD_BYTES;
    }

    private static boolean cleanRelative(String p) {
        if (p.startsWith("/") || p.startsWith("./")) {
            return false;
        }
        for (String part : p.split("/", -1)) {
            if (part.isEmpty() || part.equals("..") || part.equals(".")) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 80 ? s : s.substring(0, 77) + "...(" + s.length() + " chars)";
    }

    /**
     * One log-batch request.
     *
     * @param metrics metric points
     * @param params params (unique keys)
     * @param tags run tags
     */
    public record Batch(List<MetricPoint> metrics, Map<String, String> params, Map<String, String> tags) {
    }
}
