package org.synapticgeometry.report;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One figure of the report.
 *
 * @param id file stem of its PNG and SVG ({@code [a-z0-9_.-]+})
 * @param title heading in the report
 * @param caption what it shows and how to read it
 * @param chart the XChart chart
 */
public record Figure(String id, String title, String caption, Chart<?, ?> chart) {
    /** Checks the id, which becomes a file name. */
    public Figure {
        if (!id.matches("[a-z0-9_.-]+")) {
            throw new IllegalArgumentException("figure id must be [a-z0-9_.-]+, found " + id);
        }
    }
}
