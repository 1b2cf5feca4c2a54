package org.synapticgeometry.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Chart construction with the report's common look (size, legend, colours per potential). */
final class Charts {
    static final int WIDTH = 820;
    static final int HEIGHT = 500;
    /** Fixed colours so that one potential has one colour in every figure. */
    private static final Map<String, Color> POTENTIAL_COLORS = Map.of(
            "negative_entropy", new Color(0x1b9e77), "2-norm", new Color(0x7570b3), "3-norm", new Color(0xd95f02),
            "1.5-norm", new Color(0xe7298a), "2.5-norm", new Color(0x66a61e));
    private static final List<Color> OTHERS = List.of(new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0x17becf));

    private Charts() {
    }

    static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        c.getStyler().setMarkerSize(7);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE).setChartBackgroundColor(Color.WHITE);
        return c;
    }

    static CategoryChart category(String title, String xTitle, String yTitle) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        c.getStyler().setAvailableSpaceFill(0.8);
        c.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE).setChartBackgroundColor(Color.WHITE);
        return c;
    }

    /** The colour of a potential, or of the {@code index}-th other series. */
    static Color color(String name, int index) {
        return POTENTIAL_COLORS.getOrDefault(name, OTHERS.get(Math.floorMod(index, OTHERS.size())));
    }

    static XYSeries points(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
        return s;
    }

    static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color, boolean dashed) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setMarkerColor(color);
        if (dashed) {
            s.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        return s;
    }
}
