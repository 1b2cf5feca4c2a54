package org.synapticgeometry.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A {@link TrackedRun} on a {@link Tracker}. Every record is checked against MLflow's rules and kept
 * in a journal; records are buffered and sent in log-batch requests within MLflow's limits when a
 * request's worth has gathered, when {@link #FLUSH_INTERVAL_NANOS} has passed since the last request (so live
 * curves show up epoch by epoch), on {@link #flush} and at the end. When the server becomes unavailable the
 * run moves to the local store under the same run id, the journal is replayed there, and logging
 * goes on locally ({@code sgeo tracking sync} pushes it later). Ending writes the provenance record
 * {@code run.json} into the output folder and logs it as an artifact. Thread-safe.
 */
final class MlflowRun implements TrackedRun {
    /** Longest time buffered records wait for more before they are sent. */
    static final long FLUSH_INTERVAL_NANOS = 2_000_000_000L;
    private final TrackingConfig config;
    private final String stage;
    private final Path outDir;
    private final String experimentName;
    private final String runName;
    private final long startTime = System.currentTimeMillis();
    private final Map<String, String> params = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final List<MetricPoint> metrics = new ArrayList<>();
    private final Map<String, Path> artifacts = new LinkedHashMap<>();
    private final List<RunRecord.FileHash> inputs = new ArrayList<>();
    private final List<RunRecord.FileHash> outputs = new ArrayList<>();
    private final List<MetricPoint> pendingMetrics = new ArrayList<>();
    private final Map<String, String> pendingParams = new LinkedHashMap<>();
    private final Map<String, String> pendingTags = new LinkedHashMap<>();
    private long lastFlush = System.nanoTime();
    private int requests;
    private Tracker backend;
    private String experimentId;
    private String runId;
    private boolean spooled;
    private boolean ended;
    private long overheadNanos;
    private int records;

    /** Creates the run on the backend (spooling it if the server is unavailable); then call {@link #start}. */
    MlflowRun(TrackingConfig config, String stage, Path outDir, String experimentName, String runName) {
        this(config, stage, outDir, experimentName, runName, null);
    }

    private MlflowRun(TrackingConfig config, String stage, Path outDir, String experimentName, String runName,
            String knownExperimentId) {
        this.config = config;
        this.stage = stage;
        this.outDir = outDir;
        this.experimentName = MlflowLimits.checkExperimentName(experimentName);
        this.runName = runName;
        this.backend = config.open();
        guarded(b -> {
            experimentId = knownExperimentId != null && !spooled ? knownExperimentId : b.experimentId(experimentName);
            runId = b.createRun(experimentId, null, runName, startTime);
        }, false);
        tags.put(TrackingKeys.RUN_NAME, runName);
    }

    /**
     * Logs the run's first tags and params and sends them at once, so a rejected key fails the start; on any
     * error the run ends FAILED and the error is rethrown.
     */
    void start(Map<String, String> startTags, Map<String, String> startParams) {
        start(startTags, startParams, true);
    }

    private void start(Map<String, String> startTags, Map<String, String> startParams, boolean sendNow) {
        try {
            Map<String, String> checked = checkedTags(startTags);
            if (spooled) {
                checked.put(TrackingKeys.SPOOLED_FROM, tags.get(TrackingKeys.SPOOLED_FROM));
            }
            send(List.of(), Map.of(), checked);
            logParams(startParams);
            if (sendNow) {
                flush();
            }
        } catch (RuntimeException e) {
            end(RunStatus.FAILED);
            throw e;
        }
    }

    @Override
    public synchronized String runId() {
        return runId;
    }

    /** True once records went to the local store because the server failed. */
    synchronized boolean spooled() {
        return spooled;
    }

    @Override
    public synchronized void logParams(Map<String, String> p) {
        Map<String, String> fresh = new LinkedHashMap<>();
        p.forEach((k, v) -> {
            String value = MlflowLimits.truncate("param", MlflowLimits.checkKey("param", k), v,
                    MlflowLimits.MAX_PARAM_VALUE, config.warn());
            String old = params.get(k);
            if (old != null && !old.equals(value)) {
                throw new IllegalStateException("param '" + k + "' is already '" + old + "', cannot change it to '"
                        + value + "' (params are write-once; a changed value is a new run)");
            }
            if (old == null) {
                fresh.put(k, value);
            }
        });
        send(List.of(), fresh, Map.of());
    }

    @Override
    public synchronized void setTags(Map<String, String> t) {
        send(List.of(), Map.of(), checkedTags(t));
    }

    @Override
    public synchronized void logMetric(String key, double value, long step) {
        logMetrics(Map.of(key, value), step);
    }

    @Override
    public synchronized void logMetrics(Map<String, Double> m, long step) {
        long now = System.currentTimeMillis();
        List<MetricPoint> points = new ArrayList<>();
        new TreeMap<>(m).forEach((k, v) -> points.add(new MetricPoint(MlflowLimits.checkKey("metric", k), v, now, step)));
        send(points, Map.of(), Map.of());
    }

    @Override
    public synchronized void logArtifact(Path fileOrDir, String artifactDir) {
        String dir = MlflowLimits.checkArtifactPath(artifactDir);
        if (!Files.exists(fileOrDir)) {
            config.warn().println("sgeo tracking: warning: artifact " + fileOrDir + " does not exist; not logged");
            return;
        }
        Path source = fileOrDir.toAbsolutePath().normalize();
        Path base = Files.isDirectory(source) ? source : source.getParent();
        for (Path f : regularFiles(source)) {
            String rel = base.relativize(f).toString().replace('\\', '/');
            String path = MlflowLimits.checkArtifactPath(dir.isEmpty() ? rel : dir + "/" + rel);
            artifacts.put(path, f);
            records++;
            long t0 = System.nanoTime();
            outputs.removeIf(h -> h.path().equals(path));
            outputs.add(hash(f, path));
            overheadNanos += System.nanoTime() - t0;
            guarded(b -> b.uploadArtifact(runId, f, path), true);
        }
    }

    @Override
    public synchronized String recordInput(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("input " + file + " is not a readable file");
        }
        long t0 = System.nanoTime();
        RunRecord.FileHash h = hash(file, file.toString());
        inputs.add(h);
        overheadNanos += System.nanoTime() - t0;
        return h.sha256();
    }

    @Override
    public synchronized void end(RunStatus status) {
        if (ended) {
            return;
        }
        ended = true;
        OpenRuns.remove(this);
        long endTime = System.currentTimeMillis();
        RunStatus last = status;
        RuntimeException failure = null;
        try {
            try {
                flush();
            } catch (RuntimeException e) {
                failure = e;
                last = status == RunStatus.FINISHED ? RunStatus.FAILED : status;
            }
            sendInputs();
            if (outDir != null) {
                try {
                    writeRecord(last, endTime);
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                    last = last == RunStatus.FINISHED ? RunStatus.FAILED : last;
                }
            }
            RunStatus ending = last;
            guarded(b -> b.endRun(runId, ending, endTime), false);
        } finally {
            backend.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The recorded inputs as dataset inputs; a server that cannot take them is a warning (run.json lists them). */
    private void sendInputs() {
        Map<String, RunRecord.FileHash> byFile = new LinkedHashMap<>();
        inputs.forEach(h -> byFile.putIfAbsent(h.path() + "@" + h.sha256(), h));
        List<RunRecord.FileHash> unique = List.copyOf(byFile.values());
        try {
            for (int i = 0; i < unique.size(); i += MlflowLimits.MAX_BATCH_PARAMS) {
                List<RunRecord.FileHash> part = unique.subList(i, Math.min(unique.size(), i + MlflowLimits.MAX_BATCH_PARAMS));
                requests++;
                guarded(b -> b.logInputs(runId, part), true);
            }
        } catch (RuntimeException e) {
            config.warn().println("sgeo tracking: warning: run " + runId + ": inputs not logged as datasets: "
                    + e.getMessage() + " (run.json lists them)");
        }
    }

    /** Writes run.json into the output folder and logs it; an upload that fails is a warning (the file is there). */
    private void writeRecord(RunStatus status, long endTime) {
        Path record = outDir.resolve("run.json");
        record(status, endTime).write(record);
        artifacts.put("run.json", record);
        try {
            guarded(b -> b.uploadArtifact(runId, record, "run.json"), true);
        } catch (RuntimeException e) {
            config.warn().println("sgeo tracking: warning: run " + runId + ": run.json not logged as an artifact: "
                    + e.getMessage() + " (it is in " + record + ")");
        }
    }

    @Override
    public void close() {
        end(RunStatus.FINISHED);
    }

    @Override
    public synchronized TrackedRun startChild(String childName, Map<String, String> childParams,
            Map<String, String> childTags) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String k : List.of(TrackingKeys.SOURCE_NAME, TrackingKeys.SOURCE_TYPE, TrackingKeys.USER,
                TrackingKeys.GIT_COMMIT, TrackingKeys.NF_RUN, TrackingKeys.NF_TASK, TrackingKeys.PROCESS)) {
            if (tags.containsKey(k)) {
                all.put(k, tags.get(k));
            }
        }
        all.putAll(childTags);
        all.put(TrackingKeys.PARENT, runId);
        all.put(TrackingKeys.RUN_NAME, childName);
        TrackingConfig childConfig = spooled ? config.withUri(TrackingUri.ofStore(config.spool())) : config;
        MlflowRun child = new MlflowRun(childConfig, all.getOrDefault(TrackingKeys.STAGE, stage), null, experimentName,
                childName, spooled ? null : experimentId);
        OpenRuns.add(child);
        child.start(all, childParams, false);
        return child;
    }

    @Override
    public synchronized Optional<String> logOnto(String otherRunId, Map<String, Double> values,
            Map<String, String> otherTags) {
        long t0 = System.nanoTime();
        try {
            Optional<Map<String, Double>> latest = backend.latestMetrics(otherRunId);
            if (latest.isEmpty()) {
                return Optional.of("run " + otherRunId + " does not exist in " + backend.describe()
                        + " (deleted, or in another store)");
            }
            long now = System.currentTimeMillis();
            List<MetricPoint> points = new ArrayList<>();
            new TreeMap<>(values).forEach((k, v) -> {
                Double old = latest.get().get(k);
                if (old == null || Double.compare(old, v) != 0) {
                    points.add(new MetricPoint(MlflowLimits.checkKey("metric", k), v, now, 0));
                }
            });
            for (MlflowLimits.Batch b : MlflowLimits.batches(points, Map.of(), checkedTags(otherTags))) {
                requests++;
                backend.logBatch(otherRunId, b.metrics(), b.params(), b.tags());
            }
            records += points.size() + otherTags.size();
            return Optional.empty();
        } catch (TrackingUnavailableException | IllegalStateException e) {
            return Optional.of("cannot log onto run " + otherRunId + ": " + e.getMessage());
        } finally {
            overheadNanos += System.nanoTime() - t0;
        }
    }

    /** Leaves the run RUNNING for another process to end (parent runs of workflows). */
    synchronized void detach() {
        ended = true;
        OpenRuns.remove(this);
        backend.close();
    }

    @Override
    public synchronized void flush() {
        if (pendingMetrics.isEmpty() && pendingParams.isEmpty() && pendingTags.isEmpty()) {
            return;
        }
        List<MlflowLimits.Batch> batches = MlflowLimits.batches(pendingMetrics, pendingParams, pendingTags);
        pendingMetrics.clear();
        pendingParams.clear();
        pendingTags.clear();
        lastFlush = System.nanoTime();
        boolean wasSpooled = spooled;
        for (MlflowLimits.Batch b : batches) {
            requests++;
            guarded(tracker -> tracker.logBatch(runId, b.metrics(), b.params(), b.tags()), true);
            if (spooled != wasSpooled) {
                return; // the replay of the journal into the local store sent the remaining batches too
            }
        }
    }

    /** Log-batch requests sent so far. */
    synchronized int requests() {
        return requests;
    }

    private void send(List<MetricPoint> m, Map<String, String> p, Map<String, String> t) {
        records += m.size() + p.size() + t.size();
        metrics.addAll(m);
        params.putAll(p);
        tags.putAll(t);
        pendingMetrics.addAll(m);
        pendingParams.putAll(p);
        pendingTags.putAll(t);
        if (pendingMetrics.size() >= MlflowLimits.MAX_BATCH_METRICS || pendingParams.size() >= MlflowLimits.MAX_BATCH_PARAMS
                || pendingTags.size() >= MlflowLimits.MAX_BATCH_TAGS || System.nanoTime() - lastFlush >= FLUSH_INTERVAL_NANOS) {
            flush();
        }
    }

    /**
     * Runs {@code op} on the backend; if the server is unavailable, moves the run to the local store.
     * Journaled operations are covered by the replay; others run again on the local store. A server that
     * refuses a journaled record (a batch, an artifact) also moves the run, so nothing is lost; the warning
     * carries the server's message, which names the key.
     */
    private void guarded(Consumer<Tracker> op, boolean journaled) {
        long t0 = System.nanoTime();
        try {
            op.accept(backend);
        } catch (IllegalStateException e) {
            if (!journaled || spooled || !(backend instanceof ServerTracker)) {
                throw e;
            }
            spool(new TrackingUnavailableException(e.getMessage(), e));
        } catch (TrackingUnavailableException e) {
            if (spooled) {
                throw e;
            }
            spool(e);
            if (!journaled || runId == null) {
                op.accept(backend);
            }
        } finally {
            overheadNanos += System.nanoTime() - t0;
        }
    }

    private void spool(TrackingUnavailableException e) {
        FileStore local = config.spoolStore();
        config.warn().println("sgeo tracking: warning: " + e.getMessage() + "; run " + (runId == null ? "" : runId + " ")
                + "continues in the local store " + local.describe() + " (push it later with: sgeo tracking sync)");
        String server = backend.describe();
        backend.close();
        backend = local;
        spooled = true;
        tags.put(TrackingKeys.SPOOLED_FROM, server);
        if (runId == null) {
            return;
        }
        local.createRun(local.experimentId(experimentName), runId, runName, startTime);
        for (MlflowLimits.Batch b : MlflowLimits.batches(metrics, params, tags)) {
            local.logBatch(runId, b.metrics(), b.params(), b.tags());
        }
        artifacts.forEach((path, file) -> local.uploadArtifact(runId, file, path));
        pendingMetrics.clear();
        pendingParams.clear();
        pendingTags.clear();
    }

    private Map<String, String> checkedTags(Map<String, String> t) {
        Map<String, String> out = new LinkedHashMap<>();
        t.forEach((k, v) -> out.put(MlflowLimits.checkKey("tag", k),
                MlflowLimits.truncate("tag", k, v, MlflowLimits.MAX_TAG_VALUE, config.warn())));
        return out;
    }

    private RunRecord record(RunStatus status, long endTime) {
        Map<String, String> seeds = new TreeMap<>();
        params.forEach((k, v) -> putIfSeed(seeds, k, v));
        tags.forEach((k, v) -> putIfSeed(seeds, k, v));
        String device = params.getOrDefault("device", tags.getOrDefault("device", "not recorded"));
        Map<String, String> tracking = new LinkedHashMap<>();
        tracking.put("backend", config.uri().isServer() ? "server" : "file-store");
        tracking.put("uri", config.uri().display());
        tracking.put("spooled_to", spooled ? config.spool().toUri().toString() : "");
        tracking.put("records", Integer.toString(records));
        tracking.put("overhead_seconds", String.format(java.util.Locale.ROOT, "%.3f", overheadNanos / 1e9));
        return new RunRecord(RunRecord.FORMAT, runId, experimentName, stage, status.name(),
                Instant.ofEpochMilli(startTime).toString(), Instant.ofEpochMilli(endTime).toString(), config.gitCommit(),
                Provenance.versions(), Provenance.platform(), device, seeds, new TreeMap<>(params), new TreeMap<>(tags),
                List.copyOf(inputs), List.copyOf(outputs), tracking);
    }

    private static void putIfSeed(Map<String, String> seeds, String k, String v) {
        if (k.toLowerCase(java.util.Locale.ROOT).contains("seed")) {
            seeds.put(k, v);
        }
    }

    private static RunRecord.FileHash hash(Path f, String name) {
        try {
            return new RunRecord.FileHash(name, Provenance.sha256(f), Files.size(f));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    static List<Path> regularFiles(Path fileOrDir) {
        if (!Files.isDirectory(fileOrDir)) {
            return List.of(fileOrDir);
        }
        try (Stream<Path> s = Files.walk(fileOrDir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + fileOrDir + ": " + e.getMessage(), e);
        }
    }

    /** {@code stage potential architecture s<seed>} from the tags (or params) present, or tag {@code mlflow.runName}. */
    static String runName(String stage, Map<String, String> tags) {
        if (tags.containsKey(TrackingKeys.RUN_NAME)) {
            return tags.get(TrackingKeys.RUN_NAME);
        }
        StringBuilder sb = new StringBuilder(stage);
        for (String k : List.of("potential", "architecture")) {
            if (tags.containsKey(k)) {
                sb.append(' ').append(tags.get(k));
            }
        }
        if (tags.containsKey("seed")) {
            sb.append(" s").append(tags.get("seed"));
        }
        return sb.toString();
    }
}
