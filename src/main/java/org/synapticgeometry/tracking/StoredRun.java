package org.synapticgeometry.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything of one run read back from a file store: what {@code sgeo tracking sync} replays.
 *
 * @param runId the run id (folder name)
 * @param experimentId the experiment id (parent folder name)
 * @param runName the run name
 * @param status RUNNING, SCHEDULED, FINISHED, FAILED or KILLED
 * @param startTime epoch ms
 * @param endTime epoch ms, or null while running
 * @param params params by key
 * @param tags tags by key
 * @param metrics every metric point, grouped by key in file order
 * @param artifacts artifact files by relative path
 */
public record StoredRun(String runId, String experimentId, String runName, String status, long startTime,
        Long endTime, Map<String, String> params, Map<String, String> tags, List<MetricPoint> metrics,
        Map<String, Path> artifacts) {

    private static final List<String> STATUSES = List.of("RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED");

    /** MLflow's integer code of a status name (1 RUNNING ... 5 KILLED). */
    static int statusCode(String status) {
        int i = STATUSES.indexOf(status);
        if (i < 0) {
            throw new IllegalArgumentException("status must be one of " + STATUSES + ", found " + status);
        }
        return i + 1;
    }

    /** Reads a run folder of a file store. */
    static StoredRun read(Path dir) {
        Map<String, Object> meta = MetaYaml.read(dir.resolve("meta.yaml"));
        Object status = meta.get("status");
        String statusName = status instanceof Number n ? STATUSES.get(n.intValue() - 1) : String.valueOf(status);
        Object end = meta.get("end_time");
        Object name = meta.get("run_name");
        return new StoredRun(dir.getFileName().toString(), dir.getParent().getFileName().toString(),
                name == null ? "" : name.toString(), statusName, ((Number) meta.get("start_time")).longValue(),
                end == null ? null : ((Number) end).longValue(), texts(dir.resolve("params")),
                texts(dir.resolve("tags")), metrics(dir.resolve("metrics")), files(dir.resolve("artifacts")));
    }

    /** True if the run has not ended. */
    public boolean running() {
        return status.equals("RUNNING");
    }

    private static Map<String, String> texts(Path dir) {
        Map<String, String> out = new TreeMap<>();
        files(dir).forEach((k, p) -> out.put(k, FileStore.read(p)));
        return out;
    }

    private static List<MetricPoint> metrics(Path dir) {
        List<MetricPoint> out = new ArrayList<>();
        files(dir).forEach((key, p) -> {
            for (String line : FileStore.read(p).split("\n")) {
                String[] f = line.strip().split(" ");
                if (f.length >= 2) {
                    out.add(new MetricPoint(key, parseDouble(f[1]), Long.parseLong(f[0]),
                            f.length > 2 ? Long.parseLong(f[2]) : 0));
                }
            }
        });
        return out;
    }

    /** Parses Java's and Python's spellings of doubles ({@code NaN}/{@code nan}, {@code Infinity}/{@code inf}). */
    static double parseDouble(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "nan" -> Double.NaN;
            case "inf", "infinity", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** Regular files under {@code dir} by '/'-separated relative path (temporary files skipped). */
    static Map<String, Path> files(Path dir) {
        Map<String, Path> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".tmp-"))
                    .sorted(Comparator.naturalOrder())
                    .forEach(p -> out.put(dir.relativize(p).toString().replace('\\', '/'), p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }
}
