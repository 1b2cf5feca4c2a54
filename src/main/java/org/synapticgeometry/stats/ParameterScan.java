package org.synapticgeometry.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A one-parameter family of candidates scanned on a grid (p of the p-norms, β of hypentropy), and
 * the continuous estimate of the parameter: the grid minimum of ΔCDF refined by the vertex of the
 * parabola through it and its two neighbours (in log β for hypentropy).
 */
public final class ParameterScan {
    private ParameterScan() {
    }

    /**
     * Parses {@code LO:HI:COUNT} into COUNT evenly spaced values from LO to HI, both included (the p grid;
     * values rounded to 10 decimals, so 1.1:3.0:20 is 1.1, 1.2, ..., 3.0). COUNT 1 needs LO = HI.
     *
     * @throws IllegalArgumentException naming {@code option} when the text is not of that form
     */
    public static List<Double> linear(String option, String text) {
        double[] v = parseTriple(option, text, "LO:HI:COUNT, e.g. 1.1:3.0:20");
        int count = (int) v[2];
        if (count != v[2] || count < 1 || count > 10_000 || (count == 1 ? v[1] != v[0] : !(v[1] > v[0]))) {
            throw new IllegalArgumentException(option + " must be LO:HI:COUNT with HI > LO and an integer COUNT in"
                    + " 2..10000 (or LO = HI and COUNT 1), found '" + text + "'");
        }
        double step = count == 1 ? 0 : (v[1] - v[0]) / (count - 1);
        List<Double> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            out.add(Math.round((v[0] + k * step) * 1e10) / 1e10);
        }
        return List.copyOf(out);
    }

    /**
     * Parses the older {@code LO:HI:STEP} form into LO, LO+STEP, ... ≤ HI (values rounded to 10 decimals).
     *
     * @throws IllegalArgumentException naming {@code option} when the text is not of that form or not increasing
     */
    public static List<Double> linearByStep(String option, String text) {
        double[] v = parseTriple(option, text, "LO:HI:STEP, e.g. 1.1:3.0:0.1");
        if (!(v[2] > 0) || !(v[1] >= v[0])) {
            throw new IllegalArgumentException(option + " must be LO:HI:STEP with STEP > 0 and HI >= LO, found '" + text + "'");
        }
        long count = (long) Math.floor((v[1] - v[0]) / v[2] + 1e-9) + 1;
        if (count > 10_000) {
            throw new IllegalArgumentException(option + " must have at most 10000 points, found " + count);
        }
        List<Double> out = new ArrayList<>();
        for (long k = 0; k < count; k++) {
            out.add(Math.round((v[0] + k * v[2]) * 1e10) / 1e10);
        }
        return List.copyOf(out);
    }

    /**
     * Parses {@code LO:HI:COUNT} into COUNT log-spaced values from LO to HI (the β grid).
     *
     * @throws IllegalArgumentException naming {@code option} when the text is not of that form
     */
    public static List<Double> logarithmic(String option, String text) {
        double[] v = parseTriple(option, text, "LO:HI:COUNT, e.g. 1e-5:10:19");
        int count = (int) v[2];
        if (!(v[0] > 0) || !(v[1] > v[0]) || count != v[2] || count < 2 || count > 10_000) {
            throw new IllegalArgumentException(option + " must be LO:HI:COUNT with 0 < LO < HI and an integer"
                    + " COUNT in 2..10000, found '" + text + "'");
        }
        List<Double> out = new ArrayList<>();
        double step = Math.log(v[1] / v[0]) / (count - 1);
        for (int k = 0; k < count; k++) {
            double x = v[0] * Math.exp(k * step);
            out.add(Double.parseDouble(String.format(Locale.ROOT, "%.6g", x)));
        }
        return List.copyOf(out);
    }

    private static double[] parseTriple(String option, String text, String form) {
        String[] parts = text.split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException(option + " must be " + form + ", found '" + text + "'");
        }
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be " + form + ", found '" + text + "'");
            }
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(option + " must hold finite numbers, found '" + text + "'");
            }
        }
        return v;
    }

    /**
     * The parameter that minimises the scores: the grid argmin, refined by a parabola through its
     * neighbours when it is interior (on log(parameter) when {@code logScale}). The refinement is
     * kept inside the neighbours' interval.
     *
     * @return NaN when no score is finite
     */
    public static double minimise(List<Double> parameters, double[] scores, boolean logScale) {
        int best = Identification.argmin(scores);
        if (best < 0) {
            return Double.NaN;
        }
        if (best == 0 || best == scores.length - 1
                || !Double.isFinite(scores[best - 1]) || !Double.isFinite(scores[best + 1])) {
            return parameters.get(best);
        }
        double x0 = at(parameters, best - 1, logScale);
        double x1 = at(parameters, best, logScale);
        double x2 = at(parameters, best + 1, logScale);
        double y0 = scores[best - 1];
        double y1 = scores[best];
        double y2 = scores[best + 1];
        double num = (x1 - x0) * (x1 - x0) * (y1 - y2) - (x1 - x2) * (x1 - x2) * (y1 - y0);
        double den = (x1 - x0) * (y1 - y2) - (x1 - x2) * (y1 - y0);
        double x = den == 0 ? x1 : x1 - 0.5 * num / den;
        x = Math.max(x0, Math.min(x2, x));
        return logScale ? Math.exp(x) : x;
    }

    private static double at(List<Double> parameters, int i, boolean logScale) {
        return logScale ? Math.log(parameters.get(i)) : parameters.get(i);
    }
}
