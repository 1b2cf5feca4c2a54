package org.synapticgeometry.stats;

/** Which statistics a scoring pass computes. */
public enum StatisticSet {
    /** Everything in {@link ScopeStatistics}. */
    FULL,
    /** Only the uncentred exact ΔCDF, the KS distance and the magnitude (the benchmark's set). */
    QUICK
}
