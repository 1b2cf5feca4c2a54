package org.synapticgeometry.tracking;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.synapticgeometry.testing.PythonPeer;

/**
 * Reads an experiment back with MLflow's own Python client (the independent peer): every run's
 * info, params, tags, full metric histories, artifact list with SHA-256 of the downloaded content,
 * dataset inputs ({@code get_run(id).inputs.dataset_inputs}), and the number of runs an MLflow search filter
 * finds.
 */
final class MlflowPeer {
    private static final String SCRIPT = String.join("\n",
            "import hashlib, json, sys, tempfile",
            "from mlflow import MlflowClient",
            "uri, name, flt = sys.argv[1], sys.argv[2], sys.argv[3]",
            "c = MlflowClient(uri)",
            "e = c.get_experiment_by_name(name)",
            "out = {'experiment_id': e.experiment_id, 'filtered': len(c.search_runs([e.experiment_id], filter_string=flt)), 'runs': {}}",
            "tmp = tempfile.mkdtemp()",
            "for r in c.search_runs([e.experiment_id], max_results=1000):",
            "    rid = r.info.run_id",
            "    arts = {}",
            "    def walk(path):",
            "        for f in c.list_artifacts(rid, path):",
            "            if f.is_dir:",
            "                walk(f.path)",
            "            else:",
            "                local = c.download_artifacts(rid, f.path, dst_path=tmp)",
            "                arts[f.path] = hashlib.sha256(open(local, 'rb').read()).hexdigest()",
            "    walk(None)",
            "    hist = {k: [[m.step, m.value, m.timestamp] for m in sorted(c.get_metric_history(rid, k), key=lambda m: (m.step, m.timestamp))] for k in r.data.metrics}",
            "    inputs = [{'name': i.dataset.name, 'digest': i.dataset.digest, 'source_type': i.dataset.source_type,",
            "        'source': i.dataset.source, 'profile': i.dataset.profile, 'tags': {t.key: t.value for t in i.tags}}",
            "        for i in c.get_run(rid).inputs.dataset_inputs]",
            "    out['runs'][rid] = {'name': r.info.run_name, 'status': r.info.status, 'end_time': r.info.end_time,",
            "        'params': r.data.params, 'tags': r.data.tags, 'metrics': r.data.metrics, 'history': hist, 'artifacts': arts,",
            "        'inputs': inputs}",
            "print(json.dumps(out))");
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private MlflowPeer() {
    }

    /** Dumps experiment {@code name} of the tracking URI {@code uri}; {@code filter} is an MLflow search filter. */
    static JsonNode dump(String uri, String name, String filter) {
        String out = PythonPeer.run(SCRIPT, Map.of("MLFLOW_ALLOW_FILE_STORE", "true", "MLFLOW_DISABLE_TELEMETRY", "true"),
                uri, name, filter);
        try {
            return JSON.readTree(out.lines().reduce((a, b) -> b).orElse("{}"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
