package org.synapticgeometry.regress;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.synapticgeometry.tracking.TrackedReproduction;
import org.synapticgeometry.tracking.Tracking;
import org.synapticgeometry.tracking.TrackingKeys;
import org.synapticgeometry.tracking.TrackingUnavailableException;

/**
 * The figures of a reproduction tracked in MLflow: a workflow's parent run, read through the artifacts its
 * stage runs (its children) logged ({@code scores.csv}, {@code identification.json}, {@code linreg.json},
 * {@code train.json}, {@code run.json}), so that the per-run values, and with them the seed spread, are there.
 * The store is the one {@code MLFLOW_TRACKING_URI} names (unset: {@code ./mlruns}): a file store, or a server
 * whose artifacts are fetched over HTTP.
 */
final class TrackedResults {
    private TrackedResults() {
    }

    /**
     * Reads the reproduction of parent run {@code runId} from the store {@code env} names.
     *
     * @throws IllegalArgumentException if the store cannot be reached, the run is not in it, it is a stage's run,
     *     or its children logged none of the files
     */
    static Results read(String runId, Map<String, String> env) {
        String source = Sources.MLFLOW + runId;
        try (TrackedReproduction store = TrackedReproduction.open(env)) {
            TrackedReproduction.Parent parent = store.run(runId).orElseThrow(() -> new IllegalArgumentException(
                    source + " is not a run in the tracking store " + store.describe() + "; set "
                            + TrackingKeys.ENV_URI + " to the store that holds it"));
            String stage = parent.tags().get(TrackingKeys.STAGE);
            if (stage != null && !stage.equals(Tracking.WORKFLOW)) {
                throw new IllegalArgumentException(source + " (" + parent.runName() + ") is a " + stage
                        + " stage run, not the parent run of a reproduction; give the run of sgeo run (tag "
                        + TrackingKeys.STAGE + "=" + Tracking.WORKFLOW + ")");
            }
            Map<String, List<Path>> files = store.childFiles(parent, ResultsFolder::wanted);
            if (files.isEmpty()) {
                throw new IllegalArgumentException(source + " (" + parent.runName() + ") has no child runs"
                        + " with score, linreg or fine-tuning artifacts in " + store.describe()
                        + "; give the parent run of a workflow (sgeo run)");
            }
            return ResultsFolder.read(source, files);
        } catch (TrackingUnavailableException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage() + "; start the server or set "
                    + TrackingKeys.ENV_URI + " to one that runs", e);
        }
    }
}
