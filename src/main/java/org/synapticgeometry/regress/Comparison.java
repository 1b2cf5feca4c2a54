package org.synapticgeometry.regress;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Two reproductions side by side: identification per cell, the own-geometry ΔCDF per cell, test accuracies,
 * wall time, and the science params that differ.
 *
 * @param a the first reproduction
 * @param b the second
 * @param rows one per headline figure present in either, sorted by cell
 * @param params params whose values differ (before = a, after = b)
 */
public record Comparison(Results a, Results b, List<Row> rows, List<ParamChange> params) {

    /**
     * One figure in both reproductions.
     *
     * @param cell the figure
     * @param a its value in the first (mean, or correct runs for identification; NaN when absent or not finite)
     * @param runsA runs in the first (0 when absent)
     * @param b its value in the second
     * @param runsB runs in the second
     */
    public record Row(Cell cell, double a, int runsA, double b, int runsB) {
        /** b − a (NaN when either is missing). */
        public double change() {
            return b - a;
        }
    }

    /** Copies the lists. */
    public Comparison {
        rows = List.copyOf(rows);
        params = List.copyOf(params);
    }

    /** Compares two reproductions. */
    public static Comparison of(Results a, Results b) {
        TreeSet<Cell> cells = new TreeSet<>();
        for (Results r : List.of(a, b)) {
            r.figures().keySet().stream().filter(Comparison::headline).forEach(cells::add);
        }
        List<Row> rows = new ArrayList<>();
        for (Cell c : cells) {
            List<Double> x = a.figures().getOrDefault(c, List.of());
            List<Double> y = b.figures().getOrDefault(c, List.of());
            rows.add(new Row(c, value(c, x), x.size(), value(c, y), y.size()));
        }
        return new Comparison(a, b, rows, ParamChange.between(a.provenance().params(), b.provenance().params()));
    }

    /** Headline figures: identification, the ΔCDF in the trained geometry, accuracies. */
    static boolean headline(Cell c) {
        return c.kind() != FigureKind.DELTA_CDF || c.ownGeometry();
    }

    private static double value(Cell c, List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double sum = values.stream().mapToDouble(Double::doubleValue).sum();
        return c.kind() == FigureKind.IDENTIFICATION ? sum : sum / values.size();
    }
}
