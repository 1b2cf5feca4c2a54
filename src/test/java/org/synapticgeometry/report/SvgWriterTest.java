package org.synapticgeometry.report;

import static org.assertj.core.api.Assertions.assertThat;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The report's SVG writer against VectorGraphics2D's SVG processor (what XChart's encoder uses), byte for
 * byte, on drawings of every kind a chart makes and on what it leaves to VectorGraphics2D.
 */
class SvgWriterTest {
    private static final int WIDTH = 300;
    private static final int HEIGHT = 200;

    @Test
    void shapesStrokesColoursClipsAndTransformsAreTheBytesVectorGraphics2DWrites() throws IOException {
        String svg = sameAsVectorGraphics2D(g -> {
            g.setColor(Color.WHITE);
            g.fill(new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
            g.setColor(new Color(0x1b9e77));
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(1.25, 2.0 / 3, 100.1, -0.0));
            g.setClip(new Rectangle2D.Double(10, 10.5, 200, 150));
            g.setColor(new Color(255, 0, 0, 100));
            g.fill(new Ellipse2D.Double(50.3, 60.7, 7, 7));
            g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_BEVEL, 10f, new float[] {6f, 4f}, 1.5f));
            g.draw(new RoundRectangle2D.Double(20, 30, 40, 50, 6, 8));
            Path2D.Double p = new Path2D.Double();
            p.moveTo(1e-5, 1e7);
            p.lineTo(0, 3.141592653589793);
            p.quadTo(2.5, 1.0 / 7, 1e-3, 123456.789);
            p.curveTo(-0.953125, 62.845703125, 1.0 / 3, 2.0 / 3, 5, 6);
            p.closePath();
            g.draw(p);
            g.translate(22, 244.125);
            g.fill(new Rectangle2D.Double(0, 0, 3, 4));
            g.rotate(Math.PI / 2);
            g.setColor(Color.BLACK);
            g.fill(p);
        });
        assertThat(svg).contains("<clipPath", "translate(22 244.125)", "matrix(", "fill-opacity:", "stroke-dashoffset:",
                "<ellipse", "<line", "rx=\"3\"", " Q", " C");
    }

    @Test
    void stringsAndImagesAreLeftToVectorGraphics2D() throws IOException {
        String text = sameAsVectorGraphics2D(g -> {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString("ΔCDF < 0.1 & p̂", 10.5f, 20f);
        });
        assertThat(text).contains("<text", "&lt; 0.1 &amp;");
        String image = sameAsVectorGraphics2D(g -> g.drawImage(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB), 5, 6, null));
        assertThat(image).contains("<image");
    }

    /** Whatever {@code draw} draws, the writer's bytes are VectorGraphics2D's; returns them. */
    private static String sameAsVectorGraphics2D(Consumer<VectorGraphics2D> draw) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        draw.accept(g);
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        SvgWriter.write(g.getCommands(), WIDTH, HEIGHT, ours);
        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, WIDTH, HEIGHT)).writeTo(theirs);
        assertThat(ours.toString(StandardCharsets.UTF_8)).isEqualTo(theirs.toString(StandardCharsets.UTF_8));
        return ours.toString(StandardCharsets.UTF_8);
    }

    /** Numbers as VectorGraphics2D's {@code DecimalFormat} writes them, over every magnitude and the edge cases. */
    @Test
    void numbersAreWrittenAsVectorGraphics2DFormatsThem() {
        DecimalFormat f = new DecimalFormat("0", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        f.setMaximumFractionDigits(15);
        Random rnd = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(rnd.nextLong());
                case 1 -> (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(24) - 12);
                case 2 -> Math.scalb((double) rnd.nextInt(1 << 20) - (1 << 19), -rnd.nextInt(12));
                default -> Math.round(rnd.nextGaussian() * 1e6) / Math.pow(10, rnd.nextInt(8));
            };
            assertThat(SvgWriter.number(new StringBuilder(), v).toString()).as("%s", v).isEqualTo(f.format(v));
        }
        for (int pass = 0; pass < 2; pass++) {   // the second from the cache of formatted numbers
            for (double v : new double[] {0.0, -0.0, 1e-3, 9.99e-4, 1e7, 1e-15, 5e-16, 0.1 + 0.2, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE}) {
                assertThat(SvgWriter.number(new StringBuilder(), v).toString()).as("%s", v).isEqualTo(f.format(v));
            }
        }
    }
}
