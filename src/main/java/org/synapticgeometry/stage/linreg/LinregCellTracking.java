package org.synapticgeometry.stage.linreg;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.synapticgeometry.tracking.RunStatus;
import org.synapticgeometry.tracking.TrackedRun;

/**
 * One child run of the {@code linreg} run per cell (trained potential, k, power, D), so a cell is one row of
 * the MLflow runs table: the cell and its chosen learning rate as params, the identified fraction, counts
 * and the means over seeds as single values. The names are the contract of {@code docs/tracking.md}.
 */
final class LinregCellTracking {
    /** Stage tag of a cell's child run. */
    static final String CELL_STAGE = "linreg-cell";

    private LinregCellTracking() {
    }

    /** Starts, fills and ends one child run of {@code parent} per cell of {@code table}. */
    static void logCells(TrackedRun parent, List<LinregOutputs.Cell> table, List<LinregRun> runs) {
        for (LinregOutputs.Cell c : table) {
            List<LinregRun> cell = runs.stream().filter(r -> r.trainedPotential().equals(c.trainedPotential())
                    && r.k() == c.k() && r.power() == c.power() && r.d() == c.d()).toList();
            TrackedRun child = parent.startChild(name(c), params(c, cell), tags(c));
            try {
                child.logMetrics(metrics(c, cell), 0);
                child.end(RunStatus.FINISHED);
            } catch (RuntimeException e) {
                child.end(RunStatus.FAILED);
                throw e;
            }
        }
    }

    private static String name(LinregOutputs.Cell c) {
        return String.format(Locale.ROOT, "linreg %s k%s power%s d%d", c.trainedPotential(), LinregSweep.fmt(c.k()),
                LinregSweep.fmt(c.power()), c.d());
    }

    private static Map<String, String> params(LinregOutputs.Cell c, List<LinregRun> cell) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("trained_potential", c.trainedPotential());
        p.put("k", LinregSweep.fmt(c.k()));
        p.put("power", LinregSweep.fmt(c.power()));
        p.put("d", Integer.toString(c.d()));
        p.put("n", Integer.toString(c.n()));
        if (!cell.isEmpty()) {
            p.put("lr", Double.toString(cell.get(0).lr()));
            p.put("steps", Integer.toString(cell.get(0).steps()));
        }
        return p;
    }

    private static Map<String, String> tags(LinregOutputs.Cell c) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("stage", CELL_STAGE);
        t.put("trained_potential", c.trainedPotential());
        t.put("architecture", "linear");
        c.identified().entrySet().stream().max(Map.Entry.comparingByValue())
                .ifPresent(e -> t.put("identified", e.getKey()));
        return t;
    }

    /** Identified fraction, counts, and means over the seeds that did not diverge. */
    static Map<String, Double> metrics(LinregOutputs.Cell c, List<LinregRun> cell) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("identified_fraction", c.accuracy());
        m.put("runs", (double) c.runs());
        m.put("diverged", (double) c.diverged());
        List<LinregRun> trained = cell.stream().filter(r -> !r.diverged()).toList();
        m.put("final_loss", mean(trained.stream().mapToDouble(LinregRun::finalLoss).toArray()));
        if (!trained.isEmpty()) {
            for (String candidate : trained.get(0).scores().keySet()) {
                m.put("identified_count." + candidate, (double) c.identified().getOrDefault(candidate, 0));
                m.put("delta_cdf." + candidate, mean(trained, candidate, LinregRun.CandidateScore::deltaCdf));
                m.put("delta_cdf_grid." + candidate, mean(trained, candidate, LinregRun.CandidateScore::deltaCdfGrid));
                m.put("delta_cdf_centered." + candidate,
                        mean(trained, candidate, LinregRun.CandidateScore::deltaCdfCentered));
                m.put("magnitude." + candidate, mean(trained, candidate, LinregRun.CandidateScore::magnitude));
            }
        }
        return m;
    }

    private static double mean(List<LinregRun> runs, String candidate,
            java.util.function.ToDoubleFunction<LinregRun.CandidateScore> stat) {
        return mean(runs.stream().mapToDouble(r -> stat.applyAsDouble(r.scores().get(candidate))).toArray());
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }
}
