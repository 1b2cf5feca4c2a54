package org.synapticgeometry.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One figure of the report: its id, title, caption and chart, and the chart rendered as PNG and SVG
 * ({@link #rendered}: once, on whichever thread asks first).
 */
public final class Figure {
    private final String id;
    private final String title;
    private final String caption;
    private final Chart<?, ?> chart;
    private final Once<Rendered> rendering;

    /** The chart's PNG and SVG bytes. */
    record Rendered(byte[] png, byte[] svg) {
    }

    /**
     * A figure.
     *
     * @param id file stem of its PNG and SVG ({@code [a-z0-9_.-]+})
     * @param title heading in the report
     * @param caption what it shows and how to read it
     * @param chart the XChart chart
     */
    public Figure(String id, String title, String caption, Chart<?, ?> chart) {
        if (!id.matches("[a-z0-9_.-]+")) {
            throw new IllegalArgumentException("figure id must be [a-z0-9_.-]+, found " + id);
        }
        this.id = id;
        this.title = title;
        this.caption = caption;
        this.chart = chart;
        this.rendering = new Once<>(() -> render(id, chart));
    }

    /** File stem of its PNG and SVG. */
    public String id() {
        return id;
    }

    /** Heading in the report. */
    public String title() {
        return title;
    }

    /** What it shows and how to read it. */
    public String caption() {
        return caption;
    }

    /** The XChart chart. */
    public Chart<?, ?> chart() {
        return chart;
    }

    /** The chart as PNG ({@link ReportWriter#png}) and SVG ({@link SvgWriter}), rendered once. */
    Rendered rendered() {
        return rendering.get();
    }

    private static Rendered render(String id, Chart<?, ?> chart) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ReportWriter.png(chart, png);
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            SvgWriter.write(chart, svg);
            return new Rendered(png.toByteArray(), svg.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render figure " + id, e);
        }
    }
}
