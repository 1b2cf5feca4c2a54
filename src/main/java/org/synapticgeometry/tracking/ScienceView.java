package org.synapticgeometry.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.synapticgeometry.files.Json;

/**
 * The runs-table view of the science columns, saved on an experiment the way MLflow 3's UI saves a view
 * ("Save as new view", "share view"): experiment tag {@code mlflow.sharedViewState.<key>} holding the envelope
 * {@code {"name", "createdAt", "updatedAt", "state"}}, where {@code state} is the JSON text of the UI state
 * ({@code searchFilter}, {@code orderByKey}, {@code orderByAsc}, {@code selectedColumns} as {@code metrics.`key`}, {@code params.`key`},
 * {@code tags.`key`}). The UI lists it among the experiment's saved views and opens it from
 * {@code #/experiments/<id>/runs?viewStateShareKey=<key>}; {@code workflowType=machine_learning} turns the UI's
 * GenAI / Model training switch (kept in the browser, GenAI at first, where an experiment opens on Traces) to
 * Model training, where it opens on the runs table.
 */
final class ScienceView {
    /** The view's share key. */
    static final String KEY = "sgeo-science";
    /** The experiment tag that holds it. */
    static final String TAG = "mlflow.sharedViewState." + KEY;
    /** The view's name in the UI. */
    static final String NAME = "sgeo science";
    /**
     * The runs it shows: every run carrying an identification, one row per network (its fine-tune run) and per
     * linear-regression cell; the per-seed pairs of linear regression (and pairs scored without a producing run)
     * are left out.
     */
    static final String FILTER = "tags.identified LIKE '%' and tags.stage != 'score-pair'";
    /**
     * Their order: by trained potential. Any order but the start time also makes the UI list the runs flat
     * instead of folded under their parent runs.
     */
    static final String ORDER = "tags.`trained_potential`";
    private static final List<String> TAGS = List.of("trained_potential", "architecture", "seed", "identified",
            "identified_correct");
    private static final List<String> AFTER = List.of("metrics.`chosen_lr`", "params.`lr`",
            "metrics.`test_accuracy_after`");

    private ScienceView() {
    }

    /** The columns: the labels and identification tags, ΔCDF per candidate, learning rate, test accuracy. */
    static List<String> columns(List<String> candidates) {
        List<String> out = new java.util.ArrayList<>();
        TAGS.forEach(t -> out.add("tags.`" + t + "`"));
        candidates.forEach(c -> out.add("metrics.`delta_cdf." + c + "`"));
        out.addAll(AFTER);
        return out;
    }

    /** The tag value: the envelope of the view over {@code candidates}, made at {@code nowMs}. */
    static String envelope(List<String> candidates, long nowMs) {
        ObjectNode state = Json.mapper().createObjectNode();
        state.put("searchFilter", FILTER);
        state.put("orderByKey", ORDER);
        state.put("orderByAsc", true);
        ArrayNode cols = state.putArray("selectedColumns");
        columns(candidates).forEach(cols::add);
        ObjectNode env = Json.mapper().createObjectNode();
        env.put("name", NAME);
        env.put("createdAt", nowMs);
        env.put("updatedAt", nowMs);
        try {
            env.put("state", Json.mapper().writeValueAsString(state));
            return Json.mapper().writeValueAsString(env);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the science view: " + e.getMessage(), e);
        }
    }

    /**
     * Where the UI opens the view: the server's address for a server, else the path to append to the address of
     * a UI serving the file store ({@code tracking/start-server.sh}: http://127.0.0.1:5000).
     */
    static String url(TrackingUri uri, boolean onServer, String experimentId) {
        return (onServer ? uri.display().replaceAll("/+$", "") : "") + "/#/experiments/" + experimentId + "/runs"
                + "?viewStateShareKey=" + KEY + "&workflowType=machine_learning";
    }
}
