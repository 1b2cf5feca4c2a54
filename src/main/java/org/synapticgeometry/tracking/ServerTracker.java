package org.synapticgeometry.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.RunsPage;

/**
 * A real MLflow server through the official Java client (built by {@link MlflowClients} with
 * timeouts and credentials). Every call gets bounded retries with exponential backoff when the
 * server is unreachable, times out or answers 5xx/429/401/403; after the last attempt it throws
 * {@link TrackingUnavailableException} so the run can be spooled. Other 4xx answers are errors in
 * what we sent and throw {@link IllegalStateException} with the server's message.
 */
public final class ServerTracker implements Tracker {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Runs per search request (MLflow's maximum is 50000; its default 1000). */
    private static final int SEARCH_PAGE = 1000;
    private final TrackingUri uri;
    private final ServerSettings settings;
    private final MlflowClient client;
    private final ArtifactTransfer transfer;
    private final Map<String, String> artifactUris = new ConcurrentHashMap<>();

    /** Connects lazily to the server of {@code uri}. */
    public ServerTracker(TrackingUri uri, ServerSettings settings) {
        if (!uri.isServer()) {
            throw new IllegalArgumentException("ServerTracker needs an http(s) tracking URI, found " + uri.display());
        }
        this.uri = uri;
        this.settings = settings;
        this.client = MlflowClients.create(uri, settings);
        this.transfer = new ArtifactTransfer(uri.server(), settings);
    }

    @Override
    public String describe() {
        return uri.display();
    }

    @Override
    public String experimentId(String name) {
        MlflowLimits.checkExperimentName(name);
        return call("get-or-create experiment '" + name + "'", () -> {
            Optional<Service.Experiment> found = findExperiment(name);
            if (found.isPresent()) {
                return active(found.get(), name);
            }
            try {
                String id = client.createExperiment(name);
                client.setExperimentTag(id, TrackingKeys.EXPERIMENT_KIND, TrackingKeys.EXPERIMENT_KIND_ML);
                return id;
            } catch (MlflowHttpException e) {
                if (e.getStatusCode() == 400 && String.valueOf(e.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS")) {
                    return active(findExperiment(name).orElseThrow(() -> e), name);
                }
                throw e;
            }
        });
    }

    @Override
    public String createRun(String experimentId, String runId, String runName, long startTime) {
        Service.RunInfo info = call("create run", () -> client.createRun(Service.CreateRun.newBuilder()
                .setExperimentId(experimentId).setRunName(runName).setStartTime(startTime)
                .setUserId(System.getProperty("user.name", "unknown")).build()));
        artifactUris.put(info.getRunId(), info.getArtifactUri());
        return info.getRunId();
    }

    @Override
    public void logBatch(String runId, List<MetricPoint> metrics, Map<String, String> params, Map<String, String> tags) {
        List<Service.Metric> m = new ArrayList<>();
        for (MetricPoint p : metrics) {
            m.add(Service.Metric.newBuilder().setKey(p.key()).setValue(p.value()).setTimestamp(p.timestamp())
                    .setStep(p.step()).build());
        }
        List<Service.Param> ps = new ArrayList<>();
        params.forEach((k, v) -> ps.add(Service.Param.newBuilder().setKey(k).setValue(v).build()));
        List<Service.RunTag> ts = new ArrayList<>();
        tags.forEach((k, v) -> ts.add(Service.RunTag.newBuilder().setKey(k).setValue(v).build()));
        call("log-batch", () -> {
            client.logBatch(runId, m, ps, ts);
            return null;
        });
    }

    @Override
    public void uploadArtifact(String runId, Path file, String artifactPath) {
        MlflowLimits.checkArtifactPath(artifactPath);
        String artifactUri = artifactUris.computeIfAbsent(runId,
                id -> call("get run", () -> client.getRun(id)).getInfo().getArtifactUri());
        call("upload artifact '" + artifactPath + "'", () -> {
            transfer.upload(runId, artifactUri, file, artifactPath);
            return null;
        });
    }

    @Override
    public void logInputs(String runId, List<RunRecord.FileHash> inputs) {
        if (inputs.isEmpty()) {
            return;
        }
        com.fasterxml.jackson.databind.node.ObjectNode body = JSON.createObjectNode();
        body.put("run_id", runId);
        com.fasterxml.jackson.databind.node.ArrayNode datasets = body.putArray("datasets");
        for (RunRecord.FileHash f : inputs) {
            DatasetInput in = DatasetInput.of(f);
            com.fasterxml.jackson.databind.node.ObjectNode d = datasets.addObject();
            d.putArray("tags").addObject().put("key", DatasetInput.CONTEXT_TAG).put("value", DatasetInput.CONTEXT);
            com.fasterxml.jackson.databind.node.ObjectNode ds = d.putObject("dataset");
            ds.put("name", in.name());
            ds.put("digest", in.digest());
            ds.put("source_type", DatasetInput.SOURCE_TYPE);
            ds.put("source", in.source());
            ds.put("profile", in.profile());
        }
        call("log-inputs", () -> client.sendPost("runs/log-inputs", body.toString()));
    }

    @Override
    public Optional<Map<String, Double>> latestMetrics(String runId) {
        return run(runId).filter(r -> "active".equals(r.getInfo().getLifecycleStage())).map(r -> {
            Map<String, Double> latest = new LinkedHashMap<>();
            r.getData().getMetricsList().forEach(m -> latest.put(m.getKey(), m.getValue()));
            return latest;
        });
    }

    @Override
    public Optional<String> experimentOf(String runId) {
        return run(runId).map(r -> r.getInfo().getExperimentId());
    }

    @Override
    public void setExperimentTag(String experimentId, String key, String value) {
        MlflowLimits.checkKey("experiment tag", key);
        call("set experiment tag '" + key + "'", () -> {
            client.setExperimentTag(experimentId, key, value);
            return null;
        });
    }

    @Override
    public void endRun(String runId, RunStatus status, long endTime) {
        setStatus(runId, status.name(), endTime);
    }

    /** Sets a run's status by name (RUNNING, FINISHED, FAILED, KILLED) and end time. */
    void setStatus(String runId, String status, long endTime) {
        call("update run status", () -> {
            client.setTerminated(runId, Service.RunStatus.valueOf(status), endTime);
            return null;
        });
    }

    @Override
    public void close() {
        client.close();
    }

    /** The run with this id, or empty when the server does not know it. */
    Optional<Service.Run> run(String runId) {
        return call("get run", () -> {
            try {
                return Optional.of(client.getRun(runId));
            } catch (MlflowHttpException e) {
                if (e.getStatusCode() == 404 || e.getStatusCode() == 400) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** Active runs of experiments matching an MLflow search filter, every page. */
    List<Service.RunInfo> search(List<String> experimentIds, String filter) {
        List<Service.RunInfo> out = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            String page = token.orElse(null);
            RunsPage runs = call("search runs", () -> client.searchRuns(experimentIds, filter,
                    Service.ViewType.ACTIVE_ONLY, SEARCH_PAGE, List.of(), page));
            runs.getItems().forEach(r -> out.add(r.getInfo()));
            token = runs.getNextPageToken();
        } while (token.isPresent());
        return out;
    }

    /** Ids of all active experiments. */
    List<String> experimentIds() {
        return call("search experiments", () -> {
            List<String> ids = new ArrayList<>();
            client.searchExperiments().getItems().forEach(e -> ids.add(e.getExperimentId()));
            return ids;
        });
    }

    /** The full history of one metric. */
    List<MetricPoint> history(String runId, String key) {
        return call("get metric history", () -> {
            List<MetricPoint> out = new ArrayList<>();
            for (Service.Metric m : client.getMetricHistory(runId, key)) {
                out.add(new MetricPoint(m.getKey(), m.getValue(), m.getTimestamp(), m.getStep()));
            }
            return out;
        });
    }

    /** Downloads artifact {@code artifactPath} of a run into {@code target}. */
    void download(String runId, String artifactPath, Path target) {
        MlflowLimits.checkArtifactPath(artifactPath);
        call("download artifact '" + artifactPath + "' of run " + runId, () -> {
            transfer.download(runId, artifactPath, target);
            return null;
        });
    }

    /** Artifact files of a run (recursively) with their sizes. */
    Map<String, Long> artifacts(String runId) {
        Map<String, Long> out = new LinkedHashMap<>();
        listInto(runId, "", out);
        return out;
    }

    private void listInto(String runId, String dir, Map<String, Long> out) {
        String json = call("list artifacts", () -> client.sendGet("artifacts/list?run_id=" + runId
                + (dir.isEmpty() ? "" : "&path=" + URLEncoder.encode(dir, StandardCharsets.UTF_8))));
        for (JsonNode f : parse(json).path("files")) {
            if (f.path("is_dir").asBoolean(false)) {
                listInto(runId, f.path("path").asText(), out);
            } else {
                out.put(f.path("path").asText(), f.path("file_size").asLong(-1));
            }
        }
    }

    private Optional<Service.Experiment> findExperiment(String name) {
        try {
            return client.getExperimentByName(name);
        } catch (MlflowHttpException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private String active(Service.Experiment e, String name) {
        if (!"active".equals(e.getLifecycleStage())) {
            throw new IllegalArgumentException("experiment '" + name + "' is deleted on " + uri.display()
                    + "; restore it or set " + TrackingKeys.ENV_EXPERIMENT + " to another name");
        }
        return e.getExperimentId();
    }

    /** Runs {@code action} with bounded retries; see the class comment for what is retried. */
    <T> T call(String op, Supplier<T> action) {
        RuntimeException last = null;
        long wait = settings.firstBackoff().toMillis();
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            try {
                return action.get();
            } catch (MlflowHttpException e) {
                if (!transientStatus(e.getStatusCode())) {
                    throw rejected(op, e);
                }
                last = e;
            } catch (MlflowClientException e) {
                last = e;
            }
            if (attempt < settings.attempts()) {
                sleep(wait);
                wait *= 2;
            }
        }
        throw new TrackingUnavailableException("MLflow server " + uri.display() + " failed to " + op + " after "
                + settings.attempts() + " attempts: " + reason(last), last);
    }

    private static boolean transientStatus(int status) {
        return status >= 500 || status == 429 || status == 401 || status == 403 || status == 408;
    }

    private IllegalStateException rejected(String op, MlflowHttpException e) {
        return new IllegalStateException("MLflow server " + uri.display() + " rejected " + op + ": HTTP "
                + e.getStatusCode() + " " + serverMessage(e.getBodyMessage()), e);
    }

    private static String reason(RuntimeException e) {
        if (e instanceof MlflowHttpException h) {
            String hint = h.getStatusCode() == 401 || h.getStatusCode() == 403
                    ? " (check " + TrackingKeys.ENV_TOKEN + " or " + TrackingKeys.ENV_USER + "/" + TrackingKeys.ENV_PASSWORD + ")"
                    : "";
            return "HTTP " + h.getStatusCode() + " " + serverMessage(h.getBodyMessage()) + hint;
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static String serverMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(no message)";
        }
        try {
            JsonNode n = JSON.readTree(body);
            if (n.has("message")) {
                return n.path("error_code").asText("") + ": " + n.path("message").asText();
            }
        } catch (IOException ignored) {
            // not JSON: show the start of the raw body below
        }
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("MLflow server answered invalid JSON: " + e.getMessage(), e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrackingUnavailableException("interrupted while waiting to retry", e);
        }
    }
}
