package org.synapticgeometry.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.synapticgeometry.files.Json;

/**
 * What the parent run of one reproduction ({@code sgeo run}) carries so that two reproductions compare
 * side by side in MLflow: the params file flattened into params, where and what ran (build, commit,
 * Nextflow run name and profile, executor, device), summary metrics read from the published score outputs
 * (identification accuracy per architecture × trained potential × scope, own-geometry ΔCDF per cell, runs
 * failed, wall time) and the params file, {@code summary.md} and the report as artifacts. The key names
 * are the contract of {@code docs/tracking.md}.
 */
public final class ReproductionSummary {
    /** Scope whose ΔCDF is the paper's score. */
    private static final String POOLED = "pooled";
    private static final Pattern EXECUTOR = Pattern.compile("executor >\\s+([A-Za-z0-9_-]+)");

    private ReproductionSummary() {
    }

    /**
     * Logs onto the parent run {@code parentRunId} where it ran (executor, device), the summary metrics and
     * the artifacts, and saves the experiment's science view over the candidates scored ({@link ScienceView}). A summary that cannot be read or sent is a warning: the caller still ends the run.
     *
     * @param outdir the workflow's output folder
     * @param launchDir where Nextflow ran (its {@code .nextflow.log} names the executor)
     * @param paramsFile the params file, or null
     * @param wallSeconds the workflow's wall time
     * @return the science view's address ({@link ScienceView#url}), when one was saved
     */
    public static Optional<String> log(TrackingConfig config, String parentRunId, Path outdir, Path launchDir,
            Path paramsFile, double wallSeconds) {
        try {
            Tracking.logOntoRun(config, parentRunId, Map.of("executor", executor(launchDir), "device", device(outdir)),
                    metrics(outdir, wallSeconds), artifacts(outdir, paramsFile));
            List<String> candidates = candidates(outdir);
            return candidates.isEmpty() ? Optional.empty()
                    : Optional.of(Tracking.saveScienceView(config, parentRunId, candidates));
        } catch (RuntimeException e) {
            config.warn().println("sgeo tracking: warning: the summary of parent run " + parentRunId
                    + " is incomplete: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The params of a parent run: every key of the params file as {@code params.<key>} (nested keys joined
     * by '.', lists as {@code [a, b]}) and the run's context.
     *
     * @param paramsFile the merged parameters (params file and overrides)
     * @param context build id, git commit, Nextflow run name and profile (keys as in the contract)
     */
    public static Map<String, String> params(JsonNode paramsFile, Map<String, String> context) {
        Map<String, String> out = new TreeMap<>();
        flatten("params", paramsFile, out);
        out.putAll(context);
        return out;
    }

    /**
     * Summary metrics of a finished (or failed) reproduction from the score outputs under {@code outdir}
     * ({@code <part>/scores/identification.json}); none when nothing was scored.
     */
    public static Map<String, Double> metrics(Path outdir, double wallSeconds) {
        Map<String, Double> m = new TreeMap<>();
        Map<String, int[]> cells = new TreeMap<>();
        Map<String, double[]> own = new TreeMap<>();
        int scored = 0;
        int failed = 0;
        for (Path file : identificationFiles(outdir)) {
            JsonNode root = Json.readTree(file, "identification.json");
            failed += root.path("failed").size();
            for (JsonNode run : root.path("runs")) {
                String scope = run.path("scope").asText();
                String trained = run.path("trained_potential").asText("");
                String arch = run.path("architecture").asText("");
                if (POOLED.equals(scope)) {
                    scored++;
                }
                if (trained.isEmpty()) {
                    continue;
                }
                boolean right = trained.equals(run.path("identified").asText(""));
                count(cells, "accuracy." + label(arch) + "." + trained + "." + scope, right);
                count(cells, "accuracy." + scope, right);
                JsonNode d = run.path("delta_cdf").path(trained);
                if (POOLED.equals(scope) && d.isNumber()) {
                    double[] sum = own.computeIfAbsent("own_delta_cdf." + label(arch) + "." + trained, k -> new double[2]);
                    sum[0] += d.asDouble();
                    sum[1]++;
                }
            }
        }
        cells.forEach((k, c) -> m.put(k, (double) c[0] / c[1]));
        own.forEach((k, s) -> m.put(k, s[0] / s[1]));
        m.put("networks_scored", (double) scored);
        m.put("runs_failed", (double) failed);
        m.put("wall_seconds", wallSeconds);
        m.keySet().removeIf(k -> !MlflowLimits.validKey(k));
        return m;
    }

    /** The devices the stage runs under {@code outdir} recorded in their {@code run.json} ("cpu", "cuda:0", ...). */
    public static String device(Path outdir) {
        TreeSet<String> devices = new TreeSet<>();
        for (Path record : files(outdir, "run.json", 4)) {
            try {
                String device = Json.readTree(record, "run.json").path("device").asText("");
                if (!device.isEmpty() && !device.equals("not recorded")) {
                    devices.add(device);
                }
            } catch (IllegalArgumentException | UncheckedIOException e) {
                // a record we cannot read says nothing about the device
            }
        }
        return devices.isEmpty() ? "not recorded" : String.join(",", devices);
    }

    /** The executor(s) Nextflow reported in {@code .nextflow.log} of the launch folder ("local", "slurm"). */
    public static String executor(Path launchDir) {
        Path log = launchDir.resolve(".nextflow.log");
        TreeSet<String> found = new TreeSet<>();
        if (Files.isRegularFile(log)) {
            try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
                lines.forEach(l -> {
                    Matcher x = EXECUTOR.matcher(l);
                    if (x.find()) {
                        found.add(x.group(1));
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                return "not recorded";
            }
        }
        return found.isEmpty() ? "not recorded" : String.join(",", found);
    }

    /**
     * The artifacts of a parent run that exist, in order: the params file and {@code summary.md} at the root,
     * the report folder under {@code report/}, and each learning-rate rule's report (when the deep networks
     * were fine-tuned under several) under {@code deep-<rule>/report/}.
     */
    static List<Map.Entry<Path, String>> artifacts(Path outdir, Path paramsFile) {
        List<Map.Entry<Path, String>> out = new ArrayList<>();
        Path report = outdir.resolve("report");
        if (paramsFile != null && Files.isRegularFile(paramsFile)) {
            out.add(Map.entry(paramsFile, ""));
        }
        if (Files.isRegularFile(report.resolve("summary.md"))) {
            out.add(Map.entry(report.resolve("summary.md"), ""));
        }
        if (Files.isDirectory(report)) {
            out.add(Map.entry(report, "report"));
        }
        try (Stream<Path> folders = Files.list(outdir)) {
            folders.filter(f -> f.getFileName().toString().startsWith("deep-") && Files.isDirectory(f.resolve("report")))
                    .sorted().forEach(f -> out.add(Map.entry(f.resolve("report"), f.getFileName() + "/report")));
        } catch (IOException | UncheckedIOException e) {
            return out;   // an unreadable outdir has no per-rule reports to log
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.put(prefix, "");
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.isValueNode() ? n.asText() : n.toString()));
            out.put(prefix, "[" + String.join(", ", items) + "]");
        } else {
            out.put(prefix, node.asText());
        }
    }

    private static void count(Map<String, int[]> cells, String key, boolean right) {
        int[] c = cells.computeIfAbsent(key, k -> new int[2]);
        c[0] += right ? 1 : 0;
        c[1]++;
    }

    /** The candidates scored, in the order of the first {@code identification.json} that names them. */
    static List<String> candidates(Path outdir) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (Path file : identificationFiles(outdir)) {
            Json.readTree(file, "identification").path("candidates").forEach(c -> out.add(c.asText()));
        }
        return List.copyOf(out);
    }

    private static String label(String architecture) {
        return architecture.isEmpty() ? "unlabelled" : architecture;
    }

    private static List<Path> identificationFiles(Path outdir) {
        return files(outdir, "identification.json", 3);
    }

    private static List<Path> files(Path dir, String name, int depth) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir, depth)) {
            return s.filter(p -> p.getFileName().toString().equals(name) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
