package org.synapticgeometry.stage.score;

import org.synapticgeometry.files.Manifest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.snapshot.LayerSelection;
import org.synapticgeometry.stats.Bootstrap;
import org.synapticgeometry.stage.StageOptions;
import org.synapticgeometry.stats.Scopes;

/**
 * Settings of one {@code sgeo score} invocation. Immutable; every field is logged as a run parameter.
 *
 * @param manifest the manifest read, or null when runs came from --pair
 * @param runs the runs to score
 * @param out output folder
 * @param candidates the candidates identification chooses from
 * @param scanP p values of the p-norm scan (empty: no p̂)
 * @param scanBeta β values of the hypentropy scan (empty: no β̂)
 * @param scopes scopes to score
 * @param bootstrap replicates, sample size and seed of the bootstrap
 * @param layers which layers are scored
 * @param excludeNonFinite keep non-finite weights (excluded from the scores) instead of refusing the run
 * @param excludeUnchanged score only weights whose final value differs from the initial one
 */
public record ScoreOptions(Path manifest, List<Manifest.Entry> runs, Path out, List<Potential> candidates, List<Double> scanP,
        List<Double> scanBeta, Scopes scopes, Bootstrap bootstrap, LayerSelection layers, boolean excludeNonFinite,
        boolean excludeUnchanged) implements StageOptions {

    /** Copies the lists; requires at least one candidate and one scope. */
    public ScoreOptions {
        runs = List.copyOf(runs);
        candidates = List.copyOf(candidates);
        scanP = List.copyOf(scanP);
        scanBeta = List.copyOf(scanBeta);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("--candidates must name at least one potential, found none");
        }
        if (!scopes.pooled() && !scopes.standardized() && !scopes.layers()) {
            throw new IllegalArgumentException("--scopes must select at least one scope, found none");
        }
    }

    /** The settings as tracking parameters. */
    @Override
    public Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("score.manifest", manifest == null ? "" : manifest.toString());
        p.put("score.runs", Integer.toString(runs.size()));
        p.put("score.candidates", candidates.stream().map(Potential::name).collect(Collectors.joining(",")));
        p.put("score.scan_p", scanP.toString());
        p.put("score.scan_beta", scanBeta.toString());
        p.put("score.scopes", scopes.toString());
        p.put("score.bootstrap", Integer.toString(bootstrap.replicates()));
        p.put("score.bootstrap_size", Integer.toString(bootstrap.sampleSize()));
        p.put("score.seed", Long.toString(bootstrap.seed()));
        p.put("score.layers", layers.include() == null ? "" : layers.include().pattern());
        p.put("score.exclude_layers", layers.exclude() == null ? "" : layers.exclude().pattern());
        p.put("score.exclude_nonfinite", Boolean.toString(excludeNonFinite));
        p.put("score.exclude_unchanged", Boolean.toString(excludeUnchanged));
        return p;
    }
}
