package org.synapticgeometry.stats;

import java.util.Locale;

/**
 * Which scopes a run is scored in: {@code pooled} (all layers concatenated, paper parity),
 * {@code standardized} (each layer's Δ divided by its own std before pooling) and one
 * {@code layer:<name>} scope per layer (only when a run has more than one layer).
 *
 * @param pooled score the pooled scope
 * @param standardized score the layer-standardised pooled scope
 * @param layers score every layer alone
 */
public record Scopes(boolean pooled, boolean standardized, boolean layers) {
    /** Name of the pooled scope. */
    public static final String POOLED = "pooled";
    /** Name of the layer-standardised pooled scope. */
    public static final String STANDARDIZED = "standardized";
    /** Prefix of a per-layer scope. */
    public static final String LAYER_PREFIX = "layer:";

    /** All three kinds. */
    public static Scopes all() {
        return new Scopes(true, true, true);
    }

    /** The scope name of one layer. */
    public static String layer(String name) {
        return LAYER_PREFIX + name;
    }

    /**
     * Parses a comma-separated list of {@code pooled}, {@code standardized}, {@code layers}.
     *
     * @throws IllegalArgumentException naming the unknown entry, or when the list is empty
     */
    public static Scopes parse(String text) {
        boolean p = false;
        boolean s = false;
        boolean l = false;
        for (String part : text.split(",")) {
            switch (part.trim().toLowerCase(Locale.ROOT)) {
                case POOLED -> p = true;
                case STANDARDIZED -> s = true;
                case "layers" -> l = true;
                default -> throw new IllegalArgumentException("--scopes entries must be pooled, standardized or layers,"
                        + " found '" + part.trim() + "'");
            }
        }
        return new Scopes(p, s, l);
    }
}
