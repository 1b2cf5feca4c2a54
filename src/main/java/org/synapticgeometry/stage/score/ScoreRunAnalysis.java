package org.synapticgeometry.stage.score;

import org.synapticgeometry.files.Manifest;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.synapticgeometry.data.Seeds;
import org.synapticgeometry.geometry.HypentropyPotential;
import org.synapticgeometry.geometry.PNormPotential;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.snapshot.SnapshotPair;
import org.synapticgeometry.stats.Bootstrap;
import org.synapticgeometry.stats.Identification;
import org.synapticgeometry.stats.ParameterScan;
import org.synapticgeometry.stats.ScopeStatistics;
import org.synapticgeometry.stats.Scopes;
import org.synapticgeometry.stats.SignReadout;
import org.synapticgeometry.stats.StatisticSet;
import org.synapticgeometry.stats.WeightChangeScorer;
import org.synapticgeometry.stats.WeightLayer;

/**
 * Scores one run: reads and matches its snapshots, scores every candidate (and the p and β scans)
 * in every scope, identifies the geometry per scope with its bootstrap confidence and p̂ interval,
 * and computes the E/I readouts. A run whose inputs are unusable becomes a failed result with the
 * reason, so that the other runs are still scored.
 */
final class ScoreRunAnalysis {
    static final String ROLE_CANDIDATE = "candidate";
    static final String ROLE_SCAN_P = "scan-p";
    static final String ROLE_SCAN_BETA = "scan-beta";

    private final ScoreOptions config;
    private final Map<String, Potential> potentials = new LinkedHashMap<>();
    private final Map<String, String> roles = new LinkedHashMap<>();

    ScoreRunAnalysis(ScoreOptions config) {
        this.config = config;
        config.candidates().forEach(c -> add(c, ROLE_CANDIDATE));
        config.scanP().forEach(p -> add(PNormPotential.of(p), ROLE_SCAN_P));
        config.scanBeta().forEach(b -> add(HypentropyPotential.of(b), ROLE_SCAN_BETA));
    }

    private void add(Potential p, String role) {
        potentials.putIfAbsent(p.name(), p);
        roles.putIfAbsent(p.name(), role);
    }

    /** Scores one run, or returns it as failed with the reason when its inputs are unusable. */
    ScoreRunResult analyse(Manifest.Entry run) {
        List<WeightLayer> all;
        try {
            SnapshotPair pair = SnapshotPair.read(run.init(), run.fin());
            all = pair.match(config.layers(), config.excludeNonFinite()).stream()
                    .filter(l -> l.init().size() > 0).map(ScoreRunAnalysis::layer).toList();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return ScoreRunResult.failed(run, e.getMessage());
        }
        if (all.isEmpty()) {
            return ScoreRunResult.failed(run, "the selected layers of " + run.init() + " hold no weights (every layer"
                    + " has size 0); select layers that hold weights");
        }
        if (all.stream().noneMatch(WeightLayer::anyChanged)) {
            return ScoreRunResult.failed(run, "no weight changed between " + run.init() + " and " + run.fin()
                    + " (all " + weights(all) + " equal; the same checkpoint given twice?); nothing to score");
        }
        List<WeightLayer> layers = config.excludeUnchanged()
                ? all.stream().map(WeightLayer::changedOnly).filter(l -> l.size() > 0).toList() : all;
        long unchanged = weights(all) - weights(layers);
        WeightChangeScorer scorer = WeightChangeScorer.of(layers, config.scopes(), StatisticSet.FULL);
        Map<String, WeightChangeScorer.CandidateScores> scores = new LinkedHashMap<>();
        potentials.forEach((name, p) -> scores.put(name, scorer.score(p)));
        List<ScoreRunResult.Row> rows = new ArrayList<>();
        List<ScoreRunResult.RunIdentification> ids = new ArrayList<>();
        ScoreRunResult.RunIdentification pooled = null;
        for (String scope : scorer.scopeNames()) {
            scores.forEach((name, s) -> rows.add(new ScoreRunResult.Row(scope, name, roles.get(name), s.scopes().get(scope))));
            boolean sameAsPooled = pooled != null && layers.size() == 1 && Scopes.STANDARDIZED.equals(scope);
            ScoreRunResult.RunIdentification id = sameAsPooled ? pooled.inScope(scope) : identify(run, scope, layers, scores);
            pooled = Scopes.POOLED.equals(scope) ? id : pooled;
            ids.add(id);
        }
        ScoreRunResult.RunIdentification pooledId = ids.isEmpty() ? null : ids.get(0);
        if (pooledId != null && pooledId.identified() == null) {
            return ScoreRunResult.failed(run, "no candidate could be scored in scope " + pooledId.scope() + ": "
                    + pooledId.unscored());
        }
        SignReadout readout = SignReadout.of(layers, scorer.scratch());
        return new ScoreRunResult(run, rows, ids, readout, layers.stream().map(WeightLayer::name).toList(), unchanged,
                null);
    }

    /** A matched layer in float64 when either snapshot stores it so, else in float32. */
    private static WeightLayer layer(SnapshotPair.LayerPair l) {
        return l.isFloat64() ? new WeightLayer(l.name(), l.init64(), l.fin64())
                : new WeightLayer(l.name(), l.init().data(), l.fin().data());
    }

    /** Why a candidate's statistics in one scope are not a usable score, or null when they are. */
    static String unscoredReason(ScopeStatistics s) {
        if (Double.isFinite(s.deltaCdf())) {
            return null;
        }
        if (s.n() < 2) {
            return s.n() + " finite dual change(s) of " + (s.n() + s.excluded()) + " (the others are not finite"
                    + " in this geometry)";
        }
        if (!(s.std() > 0)) {
            return "the dual change is constant (std " + s.std() + ")";
        }
        return "the statistic is not finite (std " + s.std() + ")";
    }

    private static long weights(List<WeightLayer> layers) {
        return layers.stream().mapToLong(WeightLayer::size).sum();
    }

    private ScoreRunResult.RunIdentification identify(Manifest.Entry run, String scope, List<WeightLayer> layers,
            Map<String, WeightChangeScorer.CandidateScores> scores) {
        double[] main = deltaCdfs(config.candidates().stream().map(Potential::name).toList(), scope, scores);
        int winner = Identification.argmin(main);
        List<String> pNames = config.scanP().stream().map(p -> PNormPotential.of(p).name()).toList();
        List<String> betaNames = config.scanBeta().stream().map(b -> HypentropyPotential.of(b).name()).toList();
        double[] pCurve = deltaCdfs(pNames, scope, scores);
        double pHat = ParameterScan.minimise(config.scanP(), pCurve, false);
        double betaHat = ParameterScan.minimise(config.scanBeta(), deltaCdfs(betaNames, scope, scores), true);
        double confidence = Double.NaN;
        double[] interval = {Double.NaN, Double.NaN};
        if (config.bootstrap().replicates() > 0 && winner >= 0) {
            double[][] reps = bootstrap(run, scope, layers, scores, pNames);
            confidence = agreement(reps, main.length, winner);
            interval = pHatInterval(reps, main.length);
        }
        String identified = winner < 0 ? null : config.candidates().get(winner).name();
        Map<String, String> unscored = new LinkedHashMap<>();
        Map<String, Long> excluded = new LinkedHashMap<>();
        for (Potential c : config.candidates()) {
            ScopeStatistics s = scores.get(c.name()).scopes().get(scope);
            String reason = unscoredReason(s);
            if (reason != null) {
                unscored.put(c.name(), reason);
            }
            if (s.excluded() > 0) {
                excluded.put(c.name(), s.excluded());
            }
        }
        return new ScoreRunResult.RunIdentification(scope, identified, confidence, main, pHat, interval[0], interval[1],
                betaHat, pCurve, unscored, excluded);
    }

    private static double[] deltaCdfs(List<String> names, String scope, Map<String, WeightChangeScorer.CandidateScores> scores) {
        return names.stream().mapToDouble(n -> scores.get(n).scopes().get(scope).deltaCdf()).toArray();
    }

    /**
     * ΔCDF per replicate of the identification candidates followed by the p-scan candidates. A potential in both
     * lists (the 2-norm, say) is scored once per replicate and its value put in both columns: every column is a
     * function of the replicate's draw and the potential alone.
     */
    private double[][] bootstrap(Manifest.Entry run, String scope, List<WeightLayer> layers,
            Map<String, WeightChangeScorer.CandidateScores> scores, List<String> pNames) {
        List<String> columns = new ArrayList<>(config.candidates().stream().map(Potential::name).toList());
        columns.addAll(pNames);
        List<String> names = new ArrayList<>(new LinkedHashSet<>(columns));
        double[][] distinct = bootstrapDistinct(run, scope, layers, scores, names);
        int[] source = columns.stream().mapToInt(names::indexOf).toArray();
        double[][] reps = new double[distinct.length][source.length];
        for (int r = 0; r < distinct.length; r++) {
            for (int c = 0; c < source.length; c++) {
                reps[r][c] = distinct[r][source[c]];
            }
        }
        return reps;
    }

    /** ΔCDF per replicate of each of {@code names} (distinct potentials). */
    private double[][] bootstrapDistinct(Manifest.Entry run, String scope, List<WeightLayer> layers,
            Map<String, WeightChangeScorer.CandidateScores> scores, List<String> names) {
        List<Potential> candidates = names.stream().map(potentials::get).toList();
        List<WeightLayer> scoped = layers;
        if (scope.startsWith(Scopes.LAYER_PREFIX)) {
            String layer = scope.substring(Scopes.LAYER_PREFIX.length());
            scoped = layers.stream().filter(l -> l.name().equals(layer)).toList();
        }
        double[][] factors = new double[names.size()][];
        for (int c = 0; c < names.size(); c++) {
            double[] std = scores.get(names.get(c)).layerStd();
            factors[c] = Scopes.STANDARDIZED.equals(scope) && layers.size() > 1
                    ? Arrays.stream(std).map(s -> 1.0 / s).toArray() : null;
        }
        Bootstrap b = new Bootstrap(config.bootstrap().replicates(), config.bootstrap().sampleSize(),
                Seeds.derive(config.bootstrap().seed(), "bootstrap", run.runId(), scope));
        return b.deltaCdfs(scoped, candidates, (c, l) -> factors[c] == null ? 1.0 : factors[c][l]);
    }

    private static double agreement(double[][] reps, int mainCount, int winner) {
        int same = 0;
        for (double[] r : reps) {
            if (Identification.argmin(Arrays.copyOf(r, mainCount)) == winner) {
                same++;
            }
        }
        return (double) same / reps.length;
    }

    private double[] pHatInterval(double[][] reps, int mainCount) {
        if (config.scanP().isEmpty()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] hats = Arrays.stream(reps)
                .mapToDouble(r -> ParameterScan.minimise(config.scanP(), Arrays.copyOfRange(r, mainCount, r.length), false))
                .filter(Double::isFinite).toArray();
        if (hats.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        Percentile percentile = new Percentile();
        return new double[] {percentile.evaluate(hats, 2.5), percentile.evaluate(hats, 97.5)};
    }
}
