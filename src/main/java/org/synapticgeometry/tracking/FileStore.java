package org.synapticgeometry.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.synapticgeometry.files.AtomicFiles;

/**
 * The embedded backend: an MLflow file store (the layout {@code mlflow server --backend-store-uri
 * file:///abs/mlruns} reads; see {@code docs/tracking.md}). Every {@code meta.yaml}, param, tag and
 * artifact is written by temp file + rename; metric points are appended one whole line per write.
 * Experiment creation holds a file lock, so parallel workflow tasks share one store safely.
 */
public final class FileStore implements Tracker {
    private static final Object JVM_LOCK = new Object();
    private final Path root;
    private final Map<String, Path> runDirs = new ConcurrentHashMap<>();

    /** A store rooted at {@code root} (created on first write). */
    public FileStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The store's root folder. */
    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return fileUri(root);
    }

    @Override
    public String experimentId(String name) {
        MlflowLimits.checkExperimentName(name);
        return locked(() -> findExperiment(name).orElseGet(() -> createExperiment(name)));
    }

    @Override
    public String createRun(String experimentId, String runId, String runName, long startTime) {
        String id = runId == null ? UUID.randomUUID().toString().replace("-", "") : runId;
        if (!id.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("run id must be 32 lower-case hex characters, found '" + id + "'");
        }
        Path dir = root.resolve(experimentId).resolve(id);
        if (Files.exists(dir.resolve("meta.yaml"))) {
            throw new IllegalStateException("run " + id + " already exists in " + root);
        }
        for (String sub : List.of("metrics", "params", "tags", "artifacts")) {
            mkdirs(dir.resolve(sub));
        }
        AtomicFiles.writeString(dir.resolve("tags").resolve(TrackingKeys.RUN_NAME), runName);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("artifact_uri", fileUri(dir.resolve("artifacts")));
        meta.put("end_time", null);
        meta.put("experiment_id", experimentId);
        meta.put("lifecycle_stage", "active");
        meta.put("run_id", id);
        meta.put("run_name", runName);
        meta.put("run_uuid", id);
        meta.put("start_time", startTime);
        meta.put("status", 1);
        meta.put("user_id", System.getProperty("user.name", "unknown"));
        MetaYaml.write(dir.resolve("meta.yaml"), meta);
        runDirs.put(id, dir);
        return id;
    }

    @Override
    public void logBatch(String runId, List<MetricPoint> metrics, Map<String, String> params, Map<String, String> tags) {
        Path dir = runDir(runId);
        params.forEach((k, v) -> writeParam(dir, k, v));
        tags.forEach((k, v) -> AtomicFiles.writeString(dir.resolve("tags").resolve(k), v));
        StringBuilder lines = new StringBuilder();
        String key = null;
        for (MetricPoint m : metrics) {
            if (key != null && !key.equals(m.key())) {
                append(dir.resolve("metrics").resolve(key), lines);
                lines.setLength(0);
            }
            key = m.key();
            lines.append(m.timestamp()).append(' ').append(m.value()).append(' ').append(m.step()).append('\n');
        }
        if (key != null) {
            append(dir.resolve("metrics").resolve(key), lines);
        }
    }

    @Override
    public void uploadArtifact(String runId, Path file, String artifactPath) {
        Path artifacts = runDir(runId).resolve("artifacts");
        Path target = artifacts.resolve(MlflowLimits.checkArtifactPath(artifactPath)).normalize();
        if (!target.startsWith(artifacts) || target.equals(artifacts)) {
            throw new IllegalArgumentException("artifact path must stay inside the run, found '" + artifactPath + "'");
        }
        AtomicFiles.write(target, out -> Files.copy(file, out));
    }

    @Override
    public void logInputs(String runId, List<RunRecord.FileHash> inputs) {
        Path run = runDir(runId);
        for (RunRecord.FileHash f : inputs) {
            DatasetInput in = DatasetInput.of(f);
            String datasetId = md5Hex(in.name() + in.digest());
            Path dataset = run.getParent().resolve("datasets").resolve(datasetId).resolve("meta.yaml");
            if (!Files.exists(dataset)) {
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("name", in.name());
                meta.put("digest", in.digest());
                meta.put("source_type", DatasetInput.SOURCE_TYPE);
                meta.put("source", in.source());
                meta.put("schema", null);
                meta.put("profile", in.profile());
                MetaYaml.write(dataset, meta);
            }
            Path input = run.resolve("inputs").resolve(md5Hex(datasetId + runId)).resolve("meta.yaml");
            if (!Files.exists(input)) {
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("source_type", "DATASET");
                meta.put("source_id", datasetId);
                meta.put("destination_type", "RUN");
                meta.put("destination_id", runId);
                meta.put("tags", Map.of(DatasetInput.CONTEXT_TAG, DatasetInput.CONTEXT));
                MetaYaml.write(input, meta);
            }
        }
    }

    /** MLflow's file-store ids of datasets and inputs: the MD5 of the concatenated UTF-8 parts, in hex. */
    private static String md5Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    @Override
    public Optional<Map<String, Double>> latestMetrics(String runId) {
        Optional<Path> dir = findRunDir(runId);
        if (dir.isEmpty() || !"active".equals(MetaYaml.read(dir.get().resolve("meta.yaml")).get("lifecycle_stage"))) {
            return Optional.empty();
        }
        Map<String, Double> latest = new LinkedHashMap<>();
        for (MetricPoint p : StoredRun.read(dir.get()).metrics()) {
            latest.put(p.key(), p.value());
        }
        return Optional.of(latest);
    }

    @Override
    public void endRun(String runId, RunStatus status, long endTime) {
        setStatus(runId, status.name(), endTime);
    }

    /** Rewrites a run's status ({@code RUNNING}, {@code FINISHED}, ...) and end time (null for none). */
    void setStatus(String runId, String status, Long endTime) {
        Path meta = runDir(runId).resolve("meta.yaml");
        Map<String, Object> m = MetaYaml.read(meta);
        m.put("status", StoredRun.statusCode(status));
        m.put("end_time", endTime);
        MetaYaml.write(meta, m);
    }

    @Override
    public void close() {
        // nothing to release: every write is complete when its call returns
    }

    /** Active experiments as id → name. */
    public Map<String, String> experiments() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Path d : children(root)) {
            Path meta = d.resolve("meta.yaml");
            if (d.getFileName().toString().matches("\\d+") && Files.isRegularFile(meta)) {
                Map<String, Object> m = MetaYaml.read(meta);
                if ("active".equals(m.get("lifecycle_stage"))) {
                    out.put(d.getFileName().toString(), String.valueOf(m.get("name")));
                }
            }
        }
        return out;
    }

    /** Ids of the runs (with a {@code meta.yaml}) of an experiment. */
    public List<String> runIds(String experimentId) {
        List<String> out = new ArrayList<>();
        for (Path d : children(root.resolve(experimentId))) {
            if (d.getFileName().toString().matches("[0-9a-f]{32}") && Files.isRegularFile(d.resolve("meta.yaml"))) {
                out.add(d.getFileName().toString());
                runDirs.put(d.getFileName().toString(), d);
            }
        }
        return out;
    }

    /** Reads everything of a run. */
    public StoredRun readRun(String runId) {
        return StoredRun.read(runDir(runId));
    }

    /** True if the store holds a run with this id. */
    public boolean hasRun(String runId) {
        return findRunDir(runId).isPresent();
    }

    private Path runDir(String runId) {
        return findRunDir(runId).orElseThrow(() -> new IllegalArgumentException(
                "run id " + runId + " is not in the tracking store " + root));
    }

    private Optional<Path> findRunDir(String runId) {
        Path known = runDirs.get(runId);
        if (known != null) {
            return Optional.of(known);
        }
        if (!runId.matches("[0-9a-f]{32}")) {
            return Optional.empty();
        }
        for (String exp : experiments().keySet()) {
            Path d = root.resolve(exp).resolve(runId);
            if (Files.isRegularFile(d.resolve("meta.yaml"))) {
                runDirs.put(runId, d);
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private void writeParam(Path dir, String key, String value) {
        Path p = dir.resolve("params").resolve(key);
        if (Files.exists(p)) {
            String old = read(p);
            if (!old.equals(value)) {
                throw new IllegalStateException("param '" + key + "' of run " + dir.getFileName() + " is already '"
                        + old + "', cannot change it to '" + value + "' (params are write-once; start a new run)");
            }
            return;
        }
        AtomicFiles.writeString(p, value);
    }

    private Optional<String> findExperiment(String name) {
        for (Map.Entry<String, String> e : experiments().entrySet()) {
            if (e.getValue().equals(name)) {
                return Optional.of(e.getKey());
            }
        }
        for (Path d : children(root.resolve(".trash"))) {
            Path meta = d.resolve("meta.yaml");
            if (Files.isRegularFile(meta) && name.equals(String.valueOf(MetaYaml.read(meta).get("name")))) {
                throw new IllegalArgumentException("experiment '" + name + "' is deleted in " + root
                        + "; restore it (mlflow experiments restore) or set " + TrackingKeys.ENV_EXPERIMENT
                        + " to another name");
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> experimentOf(String runId) {
        return findRunDir(runId).map(d -> d.getParent().getFileName().toString());
    }

    @Override
    public void setExperimentTag(String experimentId, String key, String value) {
        MlflowLimits.checkKey("experiment tag", key);
        Path exp = root.resolve(experimentId);
        if (!Files.isRegularFile(exp.resolve("meta.yaml"))) {
            throw new IllegalArgumentException("experiment " + experimentId + " is not in the tracking store " + root);
        }
        AtomicFiles.writeString(exp.resolve("tags").resolve(key), value);
    }

    private String createExperiment(String name) {
        String id;
        do {
            id = Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000_000_000L, Long.MAX_VALUE));
        } while (Files.exists(root.resolve(id)) || Files.exists(root.resolve(".trash").resolve(id)));
        long now = System.currentTimeMillis();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("artifact_location", fileUri(root.resolve(id)));
        meta.put("creation_time", now);
        meta.put("experiment_id", id);
        meta.put("last_update_time", now);
        meta.put("lifecycle_stage", "active");
        meta.put("name", name);
        AtomicFiles.writeString(root.resolve(id).resolve("tags").resolve(TrackingKeys.EXPERIMENT_KIND),
                TrackingKeys.EXPERIMENT_KIND_ML);
        MetaYaml.write(root.resolve(id).resolve("meta.yaml"), meta);
        return id;
    }

    private <T> T locked(Supplier<T> action) {
        synchronized (JVM_LOCK) {
            mkdirs(root);
            try (FileChannel ch = FileChannel.open(root.resolve(".sgeo.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                return action.get();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock tracking store " + root + ": " + e.getMessage(), e);
            }
        }
    }

    static String fileUri(Path p) {
        return p.toAbsolutePath().toUri().toString().replaceAll("/$", "");
    }

    static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static void append(Path file, CharSequence lines) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines.toString().getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage()
                    + " (set " + TrackingKeys.ENV_URI + " or " + TrackingKeys.ENV_SPOOL + " to a writable folder)", e);
        }
    }
}
