package org.synapticgeometry.tracking;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflow.api.proto.Service;

/**
 * Replays a local MLflow file store into a server, idempotently: each local run is matched to
 * the server run with the same id (a run spooled during an outage) or with tag
 * {@code sgeo.origin_run_id} (a run synced before), else created; then only what the server lacks
 * is sent (params, changed tags, metric points not yet there, missing or different-size artifacts,
 * the final status). Running it twice sends nothing the second time. Before that it repairs runs
 * left RUNNING by a process that no longer exists (SIGKILL, power loss): they become KILLED.
 */
public final class StoreSync {
    private final FileStore source;
    private final ServerTracker target;
    private final PrintWriter log;
    private final Map<String, String> idMap = new HashMap<>();

    /**
     * Result counts.
     *
     * @param runs local runs pushed
     * @param created runs created on the server
     * @param records params, tags and metric points sent
     * @param artifacts artifact files uploaded
     * @param repaired runs marked KILLED because their process is gone
     */
    public record Report(int runs, int created, int records, int artifacts, int repaired) {
    }

    /** Syncs {@code source} into {@code target} (null: only repair the local store), reporting on {@code log}. */
    public StoreSync(FileStore source, ServerTracker target, PrintWriter log) {
        this.source = source;
        this.target = target;
        this.log = log;
    }

    /** Runs the repair and the replay. */
    public Report run() {
        int repaired = repairLocal() + (target == null ? 0 : repairRemote());
        int[] counts = new int[4];
        if (target != null) {
            source.experiments().forEach((expId, name) -> pushExperiment(expId, name, counts));
        } else {
            log.println("no server to push to (give --to URI or set MLFLOW_TRACKING_URI to an http(s) server);"
                    + " only repaired " + source.describe());
        }
        Report r = new Report(counts[0], counts[1], counts[2], counts[3], repaired);
        log.printf("sync: %d runs checked, %d created, %d records and %d artifacts sent, %d crashed runs marked KILLED%n",
                r.runs(), r.created(), r.records(), r.artifacts(), r.repaired());
        return r;
    }

    private int repairLocal() {
        int n = 0;
        for (String expId : source.experiments().keySet()) {
            for (String runId : source.runIds(expId)) {
                StoredRun run = source.readRun(runId);
                if (run.running() && gone(run.tags())) {
                    source.setStatus(runId, RunStatus.KILLED.name(), lastWrite(source.root().resolve(expId).resolve(runId)));
                    log.println("repaired: run " + runId + " (" + run.runName() + ") was left RUNNING by a dead process;"
                            + " marked KILLED in " + source.describe());
                    n++;
                }
            }
        }
        return n;
    }

    private int repairRemote() {
        List<String> exps = target.experimentIds();
        if (exps.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (Service.RunInfo info : target.search(exps, "attributes.status = 'RUNNING'")) {
            Optional<Service.Run> run = target.run(info.getRunId());
            if (run.isPresent() && gone(tags(run.get()))) {
                target.setStatus(info.getRunId(), RunStatus.KILLED.name(), System.currentTimeMillis());
                log.println("repaired: run " + info.getRunId() + " was left RUNNING by a dead process; marked KILLED on "
                        + target.describe());
                n++;
            }
        }
        return n;
    }

    private void pushExperiment(String expId, String name, int[] counts) {
        List<StoredRun> runs = new ArrayList<>();
        source.runIds(expId).forEach(id -> runs.add(source.readRun(id)));
        if (runs.isEmpty()) {
            return;
        }
        String targetExp = target.experimentId(name);
        List<StoredRun> ordered = new ArrayList<>();
        runs.stream().filter(r -> !hasLocalParent(r, runs)).forEach(ordered::add);
        runs.stream().filter(r -> hasLocalParent(r, runs)).forEach(ordered::add);
        for (StoredRun run : ordered) {
            if (run.running()) {
                log.println("skipped: run " + run.runId() + " (" + run.runName() + ") is still RUNNING;"
                        + " sync again when it ends");
                continue;
            }
            push(run, targetExp, counts);
        }
    }

    private void push(StoredRun run, String targetExp, int[] counts) {
        String targetId = resolve(run, targetExp, counts);
        idMap.put(run.runId(), targetId);
        Service.Run remote = target.run(targetId).orElseThrow();
        Map<String, String> remoteParams = new HashMap<>();
        remote.getData().getParamsList().forEach(p -> remoteParams.put(p.getKey(), p.getValue()));
        Map<String, String> params = new LinkedHashMap<>();
        run.params().forEach((k, v) -> {
            if (!remoteParams.containsKey(k)) {
                params.put(k, v);
            } else if (!remoteParams.get(k).equals(v)) {
                throw new IllegalStateException("param '" + k + "' of run " + run.runId() + " is '" + v + "' locally but '"
                        + remoteParams.get(k) + "' on " + target.describe() + " (run " + targetId + "); not syncing it");
            }
        });
        Map<String, String> remoteTags = tags(remote);
        Map<String, String> tags = new LinkedHashMap<>();
        run.tags().forEach((k, v) -> {
            String value = k.equals(TrackingKeys.PARENT) ? idMap.getOrDefault(v, v) : v;
            if (!value.equals(remoteTags.get(k))) {
                tags.put(k, value);
            }
        });
        if (!targetId.equals(run.runId()) && !remoteTags.containsKey(TrackingKeys.ORIGIN)) {
            tags.put(TrackingKeys.ORIGIN, run.runId());
        }
        List<MetricPoint> metrics = missingMetrics(run, targetId);
        for (MlflowLimits.Batch b : MlflowLimits.batches(metrics, params, tags)) {
            target.logBatch(targetId, b.metrics(), b.params(), b.tags());
        }
        int uploaded = pushArtifacts(run, targetId);
        boolean statusChanged = !remote.getInfo().getStatus().name().equals(run.status())
                || remote.getInfo().getEndTime() != run.endTime();
        if (statusChanged) {
            target.setStatus(targetId, run.status(), run.endTime());
        }
        int records = params.size() + tags.size() + metrics.size();
        counts[0]++;
        counts[2] += records;
        counts[3] += uploaded;
        log.printf("run %s (%s) -> %s: +%d params, +%d tags, +%d metric points, +%d artifacts, status %s%s%n",
                run.runId(), run.runName(), targetId, params.size(), tags.size(), metrics.size(), uploaded, run.status(),
                statusChanged ? " (set)" : "");
    }

    private String resolve(StoredRun run, String targetExp, int[] counts) {
        Optional<Service.Run> same = target.run(run.runId());
        if (same.isPresent() && same.get().getInfo().getExperimentId().equals(targetExp)) {
            return run.runId();
        }
        List<Service.RunInfo> found = target.search(List.of(targetExp),
                "tags.`" + TrackingKeys.ORIGIN + "` = '" + run.runId() + "'");
        if (!found.isEmpty()) {
            return found.get(0).getRunId();
        }
        counts[1]++;
        return target.createRun(targetExp, null, run.runName(), run.startTime());
    }

    private List<MetricPoint> missingMetrics(StoredRun run, String targetId) {
        Map<String, List<MetricPoint>> remote = new HashMap<>();
        List<MetricPoint> missing = new ArrayList<>();
        for (MetricPoint p : run.metrics()) {
            List<MetricPoint> have = remote.computeIfAbsent(p.key(), k -> new ArrayList<>(target.history(targetId, k)));
            Optional<MetricPoint> match = have.stream().filter(p::sameAs).findFirst();
            if (match.isPresent()) {
                have.remove(match.get());
            } else {
                missing.add(p);
            }
        }
        return missing;
    }

    private int pushArtifacts(StoredRun run, String targetId) {
        if (run.artifacts().isEmpty()) {
            return 0;
        }
        Map<String, Long> remote = target.artifacts(targetId);
        int n = 0;
        for (Map.Entry<String, Path> a : run.artifacts().entrySet()) {
            if (!Long.valueOf(size(a.getValue())).equals(remote.get(a.getKey()))) {
                target.uploadArtifact(targetId, a.getValue(), a.getKey());
                n++;
            }
        }
        return n;
    }

    private static boolean hasLocalParent(StoredRun r, List<StoredRun> runs) {
        String parent = r.tags().get(TrackingKeys.PARENT);
        return parent != null && runs.stream().anyMatch(o -> o.runId().equals(parent));
    }

    private static boolean gone(Map<String, String> tags) {
        return Provenance.processGone(tags.get(TrackingKeys.PROCESS)).orElse(false);
    }

    private static Map<String, String> tags(Service.Run run) {
        Map<String, String> t = new HashMap<>();
        run.getData().getTagsList().forEach(tag -> t.put(tag.getKey(), tag.getValue()));
        return t;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + p, e);
        }
    }

    private static long lastWrite(Path dir) {
        return StoredRun.files(dir).values().stream().mapToLong(p -> {
            try {
                return Files.getLastModifiedTime(p).toMillis();
            } catch (java.io.IOException e) {
                return 0L;
            }
        }).max().orElse(System.currentTimeMillis());
    }
}
