package org.synapticgeometry.report;

import java.util.Map;

/**
 * One row of {@code scores.csv}: a run scored in one candidate space and scope.
 *
 * @param runId run id
 * @param trainedPotential the potential that trained the run ("" if unknown)
 * @param architecture architecture name ({@code linear} for linear regression)
 * @param seed seed as written
 * @param scope {@code pooled}, {@code standardized} or {@code layer:<name>}
 * @param candidate candidate potential
 * @param n number of scored weights
 * @param deltaCdf exact uncentred ΔCDF
 * @param magnitude change magnitude ‖Δ‖/‖∇ψ(w₀)‖
 * @param floor finite-sample floor 1.2/√n
 */
public record ScoreRow(String runId, String trainedPotential, String architecture, String seed, String scope,
        String candidate, long n, double deltaCdf, double magnitude, double floor) {

    /** The columns this record needs. */
    static final java.util.List<String> COLUMNS = java.util.List.of("run_id", "trained_potential", "architecture",
            "seed", "scope", "candidate", "n", "delta_cdf", "magnitude", "floor");

    /**
     * The row, or null for a row of a p or β scan ({@code role} other than {@code candidate}; files
     * without the column hold candidates only).
     */
    static ScoreRow of(Map<String, String> r) {
        if (!r.getOrDefault("role", "candidate").equals("candidate")) {
            return null;
        }
        return new ScoreRow(r.get("run_id"), r.get("trained_potential"), r.get("architecture"), r.get("seed"),
                r.get("scope"), r.get("candidate"), (long) Tables.number(r, "n"), Tables.number(r, "delta_cdf"),
                Tables.number(r, "magnitude"), Tables.number(r, "floor"));
    }

    /** True for the paper's pooled scope with the run's own (trained) potential as candidate. */
    boolean isOwnPooled() {
        return "pooled".equals(scope) && candidate.equals(trainedPotential);
    }
}
