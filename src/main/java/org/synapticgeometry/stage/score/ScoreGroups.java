package org.synapticgeometry.stage.score;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.stats.Identification;
import org.synapticgeometry.stats.ParameterScan;

/**
 * Identification per (architecture, trained potential, scope) over seeds: the candidate with the
 * lowest mean ΔCDF across the group's runs, the fraction of runs whose own winner agrees, and p̂ of
 * the seed-averaged ΔCDF curve over the p scan (far steadier than one seed's p̂).
 */
final class ScoreGroups {
    private final List<Potential> candidates;
    private final List<Double> scanP;
    private final Map<List<String>, List<ScoreRunResult.RunIdentification>> groups = new LinkedHashMap<>();

    ScoreGroups(List<Potential> candidates, List<Double> scanP, List<ScoreRunResult> results) {
        this.candidates = candidates;
        this.scanP = scanP;
        for (ScoreRunResult r : results) {
            for (ScoreRunResult.RunIdentification id : r.identifications()) {
                List<String> key = List.of(r.run().architecture(), r.run().trainedPotential(), id.scope());
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
            }
        }
    }

    /** Appends one object per group to {@code out}. */
    void write(ArrayNode out) {
        groups.forEach((key, ids) -> {
            double[] mean = average(ids, ScoreRunResult.RunIdentification::candidateDeltaCdf, candidates.size());
            double[] curve = average(ids, ScoreRunResult.RunIdentification::scanPDeltaCdf, scanP.size());
            int best = Identification.argmin(mean);
            String identified = best < 0 ? null : candidates.get(best).name();
            long agree = ids.stream().filter(id -> identified != null && identified.equals(id.identified())).count();
            ObjectNode o = out.addObject();
            o.put("architecture", key.get(0));
            o.put("trained_potential", key.get(1));
            o.put("scope", key.get(2));
            o.put("runs", ids.size());
            o.put("identified", identified);
            ScoreOutputs.number(o, "agreement", (double) agree / ids.size());
            ScoreOutputs.number(o, "p_hat", ParameterScan.minimise(scanP, curve, false));
            ObjectNode d = o.putObject("mean_delta_cdf");
            for (int c = 0; c < mean.length; c++) {
                ScoreOutputs.number(d, candidates.get(c).name(), mean[c]);
            }
        });
    }

    private static double[] average(List<ScoreRunResult.RunIdentification> ids,
            Function<ScoreRunResult.RunIdentification, double[]> values, int size) {
        double[] mean = new double[size];
        for (ScoreRunResult.RunIdentification id : ids) {
            double[] v = values.apply(id);
            for (int k = 0; k < size; k++) {
                mean[k] += v[k] / ids.size();
            }
        }
        return mean;
    }
}
