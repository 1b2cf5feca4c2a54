package org.synapticgeometry.regress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.synapticgeometry.tracking.FileStore;
import org.synapticgeometry.tracking.StoredRun;
import org.synapticgeometry.tracking.TrackingConfig;
import org.synapticgeometry.tracking.TrackingKeys;
import org.synapticgeometry.tracking.TrackingUri;

/**
 * The figures of a reproduction tracked in MLflow: a workflow's parent run, read through the artifacts its
 * stage runs (its children) logged ({@code scores.csv}, {@code identification.json}, {@code linreg.json},
 * {@code train.json}, {@code run.json}), so that the per-run values, and with them the seed spread, are there.
 * The store is the one {@code MLFLOW_TRACKING_URI} names (unset: {@code ./mlruns}); it must be a file store.
 */
final class TrackedResults {
    private TrackedResults() {
    }

    /**
     * Reads the reproduction of parent run {@code runId} from the store {@code env} names.
     *
     * @throws IllegalArgumentException if the store is a server, the run is not in it, or its children logged
     *     none of the files
     */
    static Results read(String runId, Map<String, String> env) {
        TrackingUri uri = TrackingConfig.fromEnv(env).uri();
        if (uri.isServer()) {
            throw new IllegalArgumentException("mlflow:" + runId + ": " + TrackingKeys.ENV_URI + " names a server ("
                    + uri.display() + "); mlflow: sources read a file store: copy the runs into one, or pass the"
                    + " reproduction's outdir");
        }
        FileStore store = new FileStore(uri.store());
        if (!store.hasRun(runId)) {
            throw new IllegalArgumentException("mlflow:" + runId + " is not a run in the tracking store "
                    + uri.display() + "; set " + TrackingKeys.ENV_URI + " to the store that holds it");
        }
        StoredRun parent = store.readRun(runId);
        Map<String, List<Path>> files = new HashMap<>();
        for (String id : store.runIds(parent.experimentId())) {
            StoredRun child = store.readRun(id);
            if (runId.equals(child.tags().get(TrackingKeys.PARENT))) {
                child.artifacts().forEach((rel, file) -> {
                    String name = file.getFileName().toString();
                    if (ResultsFolder.wanted(name)) {
                        files.computeIfAbsent(name, k -> new ArrayList<>()).add(file);
                    }
                });
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("mlflow:" + runId + " (" + parent.runName() + ") has no child runs"
                    + " with score, linreg or fine-tuning artifacts in " + uri.display()
                    + "; give the parent run of a workflow (sgeo run)");
        }
        files.values().forEach(l -> l.sort(null));
        return ResultsFolder.read("mlflow:" + runId, files);
    }
}
