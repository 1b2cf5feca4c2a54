package org.synapticgeometry.regress;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kinds of headline figure a regression check compares, each with the absolute tolerance added to
 * its seed-spread band (float32 noise; identification counts runs and has none).
 */
public enum FigureKind {
    /** Runs identified as their trained potential, per (architecture, trained potential, scope). */
    IDENTIFICATION("identification", 0.0),
    /** Mean exact uncentred ΔCDF over seeds, per (architecture, size, trained potential, candidate), pooled scope. */
    DELTA_CDF("delta_cdf", 0.002),
    /** Mean final test accuracy of the fine-tuned networks, per (architecture, trained potential). */
    TEST_ACCURACY("test_accuracy", 0.01);

    private final String key;
    private final double absoluteTolerance;

    FigureKind(String key, double absoluteTolerance) {
        this.key = key;
        this.absoluteTolerance = absoluteTolerance;
    }

    /** The name in baselines and reports ({@code identification}, {@code delta_cdf}, {@code test_accuracy}). */
    @JsonValue
    public String key() {
        return key;
    }

    /** ε of the band mean ± (4·s·√(2/m) + ε). */
    public double absoluteTolerance() {
        return absoluteTolerance;
    }

    /** The kind named {@code key}. */
    @JsonCreator
    public static FigureKind of(String key) {
        for (FigureKind k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("figure kind must be identification, delta_cdf or test_accuracy, found '"
                + key + "'");
    }
}
