package org.synapticgeometry.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.mlflow.api.proto.Service;

/**
 * A reproduction read back from the tracking store that {@code MLFLOW_TRACKING_URI} names, a file store or an
 * MLflow server: its parent run, and the artifact files its stage runs (the parent's children) logged. A
 * server's files are fetched over HTTP into a temporary folder that {@link #close()} removes; a file store's
 * are read where they are.
 */
public final class TrackedReproduction implements AutoCloseable {
    private final TrackingUri uri;
    private final FileStore store;
    private final ServerTracker server;
    private Path downloads;

    /**
     * A parent run.
     *
     * @param runId its id
     * @param experimentId its experiment
     * @param runName its name
     * @param tags its tags
     */
    public record Parent(String runId, String experimentId, String runName, Map<String, String> tags) {
    }

    private TrackedReproduction(TrackingUri uri, FileStore store, ServerTracker server) {
        this.uri = uri;
        this.store = store;
        this.server = server;
    }

    /**
     * The store of {@code env} ({@code MLFLOW_TRACKING_URI}, credentials and HTTP settings as for logging).
     *
     * @throws IllegalArgumentException for a tracking URI or HTTP setting that does not parse
     */
    public static TrackedReproduction open(Map<String, String> env) {
        TrackingConfig config = TrackingConfig.fromEnv(env);
        TrackingUri uri = config.uri();
        return uri.isServer() ? new TrackedReproduction(uri, null, new ServerTracker(uri, config.server()))
                : new TrackedReproduction(uri, new FileStore(uri.store()), null);
    }

    /** The store, for messages (no credentials). */
    public String describe() {
        return uri.display();
    }

    /** True for a server, false for a file store. */
    public boolean isServer() {
        return server != null;
    }

    /**
     * The run with this id, or empty when the store does not hold it.
     *
     * @throws TrackingUnavailableException when the server cannot be reached
     */
    public Optional<Parent> run(String runId) {
        if (server == null) {
            if (!store.hasRun(runId)) {
                return Optional.empty();
            }
            StoredRun r = store.readRun(runId);
            return Optional.of(new Parent(runId, r.experimentId(), r.runName(), r.tags()));
        }
        return server.run(runId).map(r -> {
            Map<String, String> tags = new TreeMap<>();
            r.getData().getTagsList().forEach(t -> tags.put(t.getKey(), t.getValue()));
            return new Parent(r.getInfo().getRunId(), r.getInfo().getExperimentId(), r.getInfo().getRunName(), tags);
        });
    }

    /**
     * The artifact files of the parent's child runs whose file name {@code wanted} accepts, grouped by file
     * name, each list in the order of (run id, artifact path).
     *
     * @throws TrackingUnavailableException when the server cannot be reached
     * @throws IllegalArgumentException when the server lists an artifact it then refuses to serve
     */
    public Map<String, List<Path>> childFiles(Parent parent, Predicate<String> wanted) {
        Map<String, List<Path>> files = new TreeMap<>();
        if (server == null) {
            for (String id : store.runIds(parent.experimentId())) {
                StoredRun child = store.readRun(id);
                if (parent.runId().equals(child.tags().get(TrackingKeys.PARENT))) {
                    child.artifacts().forEach((rel, file) -> add(files, file, wanted));
                }
            }
        } else {
            for (Service.RunInfo child : server.search(List.of(parent.experimentId()),
                    "tags.`" + TrackingKeys.PARENT + "` = '" + parent.runId() + "'")) {
                for (String rel : server.artifacts(child.getRunId()).keySet()) {
                    if (wanted.test(fileName(rel))) {
                        add(files, download(parent, child.getRunId(), rel), wanted);
                    }
                }
            }
        }
        files.values().forEach(l -> l.sort(null));
        return files;
    }

    /**
     * Downloads one listed artifact of a stage run; one the server lists but refuses to serve (e.g. HTTP 404 once
     * its file is gone from the artifact store) makes the reproduction unreadable: bad input, naming the run.
     */
    private Path download(Parent parent, String runId, String artifactPath) {
        Path target = downloads().resolve(runId).resolve(artifactPath);
        try {
            server.download(runId, artifactPath, target);
            return target;
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("mlflow:" + parent.runId() + ": stage run " + runId + " lists artifact '"
                    + artifactPath + "' but the server cannot serve it (" + e.getMessage() + "); log that run's outputs"
                    + " again or give the results folder instead", e);
        }
    }

    private static void add(Map<String, List<Path>> files, Path file, Predicate<String> wanted) {
        String name = file.getFileName().toString();
        if (wanted.test(name)) {
            files.computeIfAbsent(name, k -> new ArrayList<>()).add(file);
        }
    }

    private static String fileName(String artifactPath) {
        return artifactPath.substring(artifactPath.lastIndexOf('/') + 1);
    }

    private Path downloads() {
        if (downloads == null) {
            try {
                downloads = Files.createTempDirectory("sgeo-mlflow-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary folder for MLflow artifacts: " + e.getMessage(), e);
            }
        }
        return downloads;
    }

    /** Removes the downloaded files and closes the server connection. */
    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (downloads != null) {
            try (Stream<Path> s = Files.walk(downloads)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + downloads + ": " + e.getMessage(), e);
            }
        }
    }
}
