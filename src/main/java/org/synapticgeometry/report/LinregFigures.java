package org.synapticgeometry.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.knowm.xchart.XYChart;

/**
 * Linear regression (paper Sec. 4.1): ΔCDF and change magnitude, both in the trained potential,
 * against D; median over seeds (and input-correlation powers) with the 5–95% band, one chart per
 * N–D rule (N = D^k).
 */
final class LinregFigures {
    private LinregFigures() {
    }

    /** The figures for every k in the table; empty when there is no table. */
    static List<Figure> build(List<Map<String, String>> rows) {
        Map<String, List<Map<String, String>>> byK = rows.stream()
                .filter(r -> !"true".equals(r.get("diverged")))
                .collect(Collectors.groupingBy(r -> r.get("k"), TreeMap::new, Collectors.toList()));
        List<Figure> out = new ArrayList<>();
        for (var e : byK.entrySet()) {
            out.add(chart(e.getKey(), e.getValue(), "delta_cdf", "ΔCDF"));
            out.add(chart(e.getKey(), e.getValue(), "magnitude", "change magnitude"));
        }
        return out;
    }

    /** The k values of the table, as written. */
    static List<String> rules(List<Map<String, String>> rows) {
        return rows.stream().map(r -> r.get("k")).distinct().sorted().toList();
    }

    private static Figure chart(String k, List<Map<String, String>> rows, String metric, String label) {
        XYChart c = Charts.xy("Linear regression, N = D^" + k + ": " + label + " in the trained potential", "D", label);
        c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        Map<String, List<Map<String, String>>> byPotential = rows.stream()
                .collect(Collectors.groupingBy(r -> r.get("trained_potential"), TreeMap::new, Collectors.toList()));
        int i = 0;
        for (var e : byPotential.entrySet()) {
            String column = metric + "_" + e.getKey();
            TreeMap<Double, DescriptiveStatistics> byD = new TreeMap<>();
            for (Map<String, String> r : e.getValue()) {
                double v = Tables.number(r, column);
                if (Double.isFinite(v) && v > 0) {
                    byD.computeIfAbsent(Tables.number(r, "d"), d -> new DescriptiveStatistics()).addValue(v);
                }
            }
            if (byD.isEmpty()) {
                continue;
            }
            double[] d = byD.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            var color = Charts.color(e.getKey(), i++);
            Charts.line(c, e.getKey() + " median", d, quantiles(byD, 50), color, false)
                    .setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
            Charts.line(c, e.getKey() + " 5%", d, quantiles(byD, 5), color, true).setShowInLegend(false);
            Charts.line(c, e.getKey() + " 95%", d, quantiles(byD, 95), color, true).setShowInLegend(false);
        }
        return new Figure("linreg_" + metric + "_k" + FineTuningFigures.slug(k),
                "Linear regression (N = D^" + k + "): " + label,
                "Paper counterpart: the linear-regression figure of the paper (Fig. 2, Sec. 4.1: " + label
                        + " in the trained potential against D, for N = D^" + k + "). Median over seeds and"
                        + " input-correlation powers (solid) with the 5–95% band (dashed) of the "
                        + label + " measured in the potential that trained the model, against the number of"
                        + " weights D. Diverged runs are left out.", c);
    }

    private static double[] quantiles(TreeMap<Double, DescriptiveStatistics> byD, double percent) {
        return byD.values().stream().mapToDouble(s -> s.getPercentile(percent)).toArray();
    }
}
