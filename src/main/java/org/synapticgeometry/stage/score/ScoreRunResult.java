package org.synapticgeometry.stage.score;

import org.synapticgeometry.files.Manifest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synapticgeometry.stats.ScopeStatistics;
import org.synapticgeometry.stats.SignReadout;

/**
 * What scoring one run produced, or why it could not be scored.
 *
 * @param run the run
 * @param rows one row per (scope, candidate)
 * @param identifications one per scope
 * @param readout E/I readouts (null when the run failed)
 * @param layers names of the scored layers
 * @param unchangedExcluded weights left out because they never changed (with --exclude-unchanged), else 0
 * @param failure why the run could not be scored, or null
 */
public record ScoreRunResult(Manifest.Entry run, List<Row> rows, List<RunIdentification> identifications,
        SignReadout readout, List<String> layers, long unchangedExcluded, String failure) {

    /** Copies the lists. */
    public ScoreRunResult {
        rows = List.copyOf(rows);
        identifications = List.copyOf(identifications);
        layers = List.copyOf(layers);
    }

    /** A run that could not be scored. */
    static ScoreRunResult failed(Manifest.Entry run, String reason) {
        return new ScoreRunResult(run, List.of(), List.of(), null, List.of(), 0, reason);
    }

    /**
     * One line of scores.csv.
     *
     * @param scope pooled, standardized or layer:NAME
     * @param candidate canonical candidate name
     * @param role {@code candidate} (chosen from by identification), {@code scan-p} or {@code scan-beta}
     * @param stats the statistics
     */
    public record Row(String scope, String candidate, String role, ScopeStatistics stats) {
    }

    /**
     * The identification of one run in one scope.
     *
     * @param scope the scope
     * @param identified the candidate with the lowest exact ΔCDF, or null when none is finite
     * @param confidence fraction of bootstrap replicates in which the same candidate wins (NaN without bootstrap)
     * @param candidateDeltaCdf exact ΔCDF of each identification candidate, in candidate order
     * @param pHat p̂, the p minimising ΔCDF over the p-norm scan (NaN without scan)
     * @param pHatLow 2.5th percentile of the bootstrap p̂
     * @param pHatHigh 97.5th percentile of the bootstrap p̂
     * @param betaHat β̂, the β minimising ΔCDF over the hypentropy scan (NaN without scan)
     * @param scanPDeltaCdf exact ΔCDF at each p of the scan, in scan order
     * @param unscored identification candidates that could not be scored in this scope → why (identification
     *     chose among the others)
     * @param excluded identification candidates → weights left out because their dual change is not finite
     *     (only candidates that left some out)
     */
    public record RunIdentification(String scope, String identified, double confidence, double[] candidateDeltaCdf,
            double pHat, double pHatLow, double pHatHigh, double betaHat, double[] scanPDeltaCdf,
            Map<String, String> unscored, Map<String, Long> excluded) {
        /** Copies the arrays and maps. */
        public RunIdentification {
            candidateDeltaCdf = candidateDeltaCdf.clone();
            scanPDeltaCdf = scanPDeltaCdf.clone();
            unscored = Collections.unmodifiableMap(new LinkedHashMap<>(unscored));
            excluded = Collections.unmodifiableMap(new LinkedHashMap<>(excluded));
        }

        /** The same identification reported under another scope (one-layer runs: standardized = pooled). */
        public RunIdentification inScope(String other) {
            return new RunIdentification(other, identified, confidence, candidateDeltaCdf, pHat, pHatLow, pHatHigh, betaHat,
                    scanPDeltaCdf, unscored, excluded);
        }

        /** ΔCDF along the p scan (a copy). */
        @Override
        public double[] scanPDeltaCdf() {
            return scanPDeltaCdf.clone();
        }

        /** ΔCDF per identification candidate (a copy). */
        @Override
        public double[] candidateDeltaCdf() {
            return candidateDeltaCdf.clone();
        }
    }
}
