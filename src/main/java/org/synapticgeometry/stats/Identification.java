package org.synapticgeometry.stats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Identification of the geometry: the candidate with the lowest ΔCDF, and, over labelled runs, the
 * confusion matrix (trained → identified → count) and the accuracy of one scope.
 */
public final class Identification {
    private final Map<String, Map<String, Integer>> confusion = new TreeMap<>();
    private int labelled;
    private int correct;

    /** An empty tally. */
    public Identification() {
    }

    /** Index of the smallest finite score; −1 when none is finite. Ties keep the first. */
    public static int argmin(double[] scores) {
        int best = -1;
        for (int i = 0; i < scores.length; i++) {
            if (Double.isFinite(scores[i]) && (best < 0 || scores[i] < scores[best])) {
                best = i;
            }
        }
        return best;
    }

    /** Counts one labelled run: the trained potential's canonical name and the identified candidate's. */
    public void add(String trained, String identified) {
        confusion.computeIfAbsent(trained, k -> new TreeMap<>()).merge(identified, 1, Integer::sum);
        labelled++;
        if (trained.equals(identified)) {
            correct++;
        }
    }

    /** Fraction of labelled runs identified correctly; NaN when there is none. */
    public double accuracy() {
        return labelled == 0 ? Double.NaN : (double) correct / labelled;
    }

    /** Number of labelled runs counted. */
    public int labelled() {
        return labelled;
    }

    /** trained → identified → count (a copy, keys sorted). */
    public Map<String, Map<String, Integer>> confusion() {
        Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
        confusion.forEach((k, v) -> copy.put(k, new LinkedHashMap<>(v)));
        return copy;
    }
}
