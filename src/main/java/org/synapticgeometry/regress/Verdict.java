package org.synapticgeometry.regress;

/**
 * One figure of a reproduction against its baseline band.
 *
 * @param cell the figure
 * @param band its baseline band
 * @param value the reproduction's value: the mean over its runs (NaN if one is not finite), or the number of
 *     runs identified as trained
 * @param runs the runs it was taken over
 * @param inside whether the value is inside the band
 * @param change value minus the baseline's
 * @param severity how far it moved in units of the band's room ({@link Band#severity})
 * @param note why a value is missing or not finite, else empty
 */
public record Verdict(Cell cell, Band band, double value, int runs, boolean inside, double change, double severity,
        String note) {

    /** True when the value differs from the baseline's at all. */
    public boolean moved() {
        return change != 0 || !Double.isFinite(value);
    }

    /** The value as text: {@code 0.1234}, or {@code 23/30} for identification. */
    public String describeValue() {
        return band.isCount() ? Reports.count(value, runs) : Reports.number(value);
    }

    /** The baseline's value as text. */
    public String describeBaseline() {
        return band.isCount() ? Reports.count(band.correct(), band.seeds()) : Reports.number(band.mean());
    }
}
