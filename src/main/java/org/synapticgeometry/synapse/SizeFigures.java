package org.synapticgeometry.synapse;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.synapticgeometry.files.AtomicFiles;

/**
 * The figure of a size fit: the histogram of sizes on a log axis with each candidate's fitted
 * density, both as density per log10 unit (a size density f(w) becomes f(w)·w·ln 10), written as PNG
 * and SVG. Negative-size mass is not drawn; the ranking table reports it.
 */
public final class SizeFigures {
    private static final int CURVE_POINTS = 400;
    /** Distinct line colours, best candidate first. */
    private static final Color[] PALETTE = {new Color(0, 90, 181), new Color(220, 50, 32), new Color(0, 150, 80),
        new Color(140, 60, 170), new Color(230, 140, 0), new Color(100, 100, 100), new Color(0, 170, 190),
        new Color(160, 110, 40)};

    private SizeFigures() {
    }

    /**
     * Writes {@code base}.png and {@code base}.svg.
     *
     * @param sizes the observed sizes
     * @param curves one fitted distribution per candidate, best first, with its legend label
     */
    public static void write(Path base, String title, String axis, double[] sizes, List<Curve> curves) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(960).height(600).title(title)
                .xAxisTitle(axis + " (log axis)").yAxisTitle("density per log10 unit").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        double[] log = Arrays.stream(sizes).map(Math::log10).sorted().toArray();
        addHistogram(chart, log);
        double lo = log[0] - 0.2;
        double hi = log[log.length - 1] + 0.2;
        for (int i = 0; i < curves.size(); i++) {
            addCurve(chart, curves.get(i), lo, hi, PALETTE[i % PALETTE.length]);
        }
        String name = base.getFileName().toString();
        AtomicFiles.write(base.resolveSibling(name + ".png"), out -> BitmapEncoder.saveBitmap(chart, out,
                BitmapEncoder.BitmapFormat.PNG));
        AtomicFiles.write(base.resolveSibling(name + ".svg"), out -> VectorGraphicsEncoder.saveVectorGraphic(chart,
                out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
    }

    /** A fitted distribution drawn on the figure. */
    public record Curve(String label, SizeMixture model) {
    }

    /** Histogram of log10 sizes with ~2·n^(1/3) bins (Rice rule), drawn as a step outline. */
    private static void addHistogram(XYChart chart, double[] sortedLog) {
        int n = sortedLog.length;
        int bins = Math.max(10, (int) Math.ceil(2.0 * Math.cbrt(n)));
        double lo = sortedLog[0];
        double width = Math.max(1e-12, (sortedLog[n - 1] - lo) / bins);
        int[] counts = new int[bins];
        for (double v : sortedLog) {
            counts[Math.min(bins - 1, (int) ((v - lo) / width))]++;
        }
        double[] x = new double[2 * bins + 2];
        double[] y = new double[2 * bins + 2];
        x[0] = Math.pow(10, lo);
        for (int b = 0; b < bins; b++) {
            double h = counts[b] / (n * width);
            x[2 * b + 1] = Math.pow(10, lo + b * width);
            y[2 * b + 1] = h;
            x[2 * b + 2] = Math.pow(10, lo + (b + 1) * width);
            y[2 * b + 2] = h;
        }
        x[2 * bins + 1] = x[2 * bins];
        XYSeries s = chart.addSeries("sizes (n = " + n + ")", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        s.setMarker(SeriesMarkers.NONE);
        s.setFillColor(new Color(180, 180, 180, 160));
        s.setLineColor(Color.GRAY);
    }

    private static void addCurve(XYChart chart, Curve c, double lo, double hi, Color color) {
        double[] x = new double[CURVE_POINTS];
        double[] y = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            double u = lo + (hi - lo) * i / (CURVE_POINTS - 1);
            double w = Math.pow(10, u);
            x[i] = w;
            double d = Math.exp(c.model().logDensity(w)) * w * Math.log(10.0);
            y[i] = Double.isFinite(d) ? d : 0.0;
        }
        XYSeries s = chart.addSeries(c.label(), x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(new BasicStroke(2.0f));
        s.setLineColor(color);
    }
}
