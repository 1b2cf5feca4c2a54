package org.synapticgeometry.stage.linreg;

import java.util.Map;
import org.synapticgeometry.stats.DualChange;

/**
 * One finished linear-regression run: its settings, training outcome and scores in every candidate
 * geometry. {@code identified} is the candidate with the lowest exact uncentred ΔCDF, empty when
 * the run diverged or no candidate could be scored.
 *
 * @param runId unique id, also the snapshot folder name
 * @param trainedPotential canonical name of the potential trained with
 * @param k exponent of N = int(D^k)
 * @param power correlation decay exponent
 * @param d input dimension
 * @param n number of training rows
 * @param seed seed index (0-based) of the run
 * @param lr chosen learning rate (NaN when every rate diverged in the search)
 * @param steps steps trained
 * @param finalLoss final training loss (NaN when diverged)
 * @param diverged whether the run blew up (or no learning rate survived the search)
 * @param identified the identified candidate, or "" when none
 * @param scores scores per candidate name, in candidate order
 */
public record LinregRun(String runId, String trainedPotential, double k, double power, int d, int n, int seed,
        double lr, int steps, double finalLoss, boolean diverged, String identified,
        Map<String, CandidateScore> scores) {

    /** Keeps the score map's order. */
    public LinregRun {
        scores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
    }

    /** True when the trained potential was identified. */
    public boolean correct() {
        return identified.equals(trainedPotential);
    }

    /**
     * Scores of a run in one candidate geometry.
     *
     * @param deltaCdf exact uncentred ΔCDF (the identification score)
     * @param deltaCdfCentered exact centred ΔCDF
     * @param deltaCdfGrid paper-parity grid ΔCDF, uncentred
     * @param deltaCdfGridCentered paper-parity grid ΔCDF, centred
     * @param magnitude ‖Δ‖₂ / ‖∇ψ(w₀)‖₂
     * @param scored number of finite dual changes scored
     * @param excluded number of weights excluded (non-finite dual value)
     */
    public record CandidateScore(double deltaCdf, double deltaCdfCentered, double deltaCdfGrid,
            double deltaCdfGridCentered, double magnitude, int scored, long excluded) {

        /** All scores of one dual change. */
        public static CandidateScore of(DualChange change) {
            return new CandidateScore(change.deltaCdf(), change.deltaCdfCentered(), change.deltaCdfGrid(),
                    change.deltaCdfGridCentered(), change.magnitude(), change.n(), change.excluded());
        }

        /** Scores of a run that could not be scored (diverged): all NaN. */
        public static CandidateScore missing() {
            return new CandidateScore(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0);
        }
    }
}
