package org.synapticgeometry.regress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A science param whose value differs between two reproductions.
 *
 * @param key {@code <stage>.<name>}
 * @param before the value in the first (baseline) run, or null when it has none
 * @param after the value in the second run, or null when it has none
 */
public record ParamChange(String key, String before, String after) {

    /** Every key whose value differs between {@code a} and {@code b}, sorted. */
    public static List<ParamChange> between(Map<String, String> a, Map<String, String> b) {
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<ParamChange> out = new ArrayList<>();
        for (String k : keys) {
            String x = a.get(k);
            String y = b.get(k);
            if (x == null || !x.equals(y)) {
                out.add(new ParamChange(k, x, y));
            }
        }
        return out;
    }
}
