package org.synapticgeometry.report;

import de.erichseifert.vectorgraphics2d.GraphicsState;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.intermediate.CommandSequence;
import de.erichseifert.vectorgraphics2d.intermediate.commands.AffineTransformCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.Command;
import de.erichseifert.vectorgraphics2d.intermediate.commands.CreateCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DisposeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawImageCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawShapeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawStringCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.FillShapeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.Group;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetClipCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetColorCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetStrokeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetTransformCommand;
import de.erichseifert.vectorgraphics2d.intermediate.filters.FillPaintedShapeAsImageFilter;
import de.erichseifert.vectorgraphics2d.intermediate.filters.StateChangeGroupingFilter;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.color.ColorSpace;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RectangularShape;
import java.awt.geom.RoundRectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a chart as SVG: the bytes VectorGraphics2D's SVG processor writes (XChart's
 * {@code VectorGraphicsEncoder}), without its XML document and serializer. The chart is painted into
 * VectorGraphics2D as there, and the same command filters run; the elements, their attributes (in the
 * serializer's alphabetical order), styles and number formats are written straight into a buffer, each
 * style once per document. Charts with what this writer does not draw (text as text, images, CMYK colours,
 * strokes other than {@link BasicStroke}) go to VectorGraphics2D itself, one at a time. Thread-safe.
 */
final class SvgWriter {
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
            + "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n";
    /** VectorGraphics2D's number formats: doubles with up to 15 decimals, floats with up to 6. */
    private static final ThreadLocal<DecimalFormat[]> FORMATS = ThreadLocal.withInitial(() -> new DecimalFormat[] {
        format(15), format(6)});
    /**
     * Until Java 18 {@code Double.toString} and {@code DecimalFormat} take a double's digits from the same
     * conversion, so a number that needs no rounding is written from {@code Double.toString}; from Java 19
     * on they differ in rare last digits, and every number goes through {@code DecimalFormat}.
     */
    private static final boolean SAME_DIGITS = Runtime.version().feature() < 19;
    private static final ThreadLocal<Numbers> NUMBERS = ThreadLocal.withInitial(() -> new Numbers(SvgWriter::format));
    /** {@code Double.toString}, which VectorGraphics2D uses for the x of a path's line-to. */
    private static final ThreadLocal<Numbers> PLAIN_NUMBERS = ThreadLocal.withInitial(() -> new Numbers(Double::toString));

    /**
     * Held while VectorGraphics2D writes a chart: it formats every number through one static
     * {@code DecimalFormat}, which is not thread-safe.
     */
    private static final Object VECTOR_GRAPHICS = new Object();

    private final Deque<GraphicsState> states = new ArrayDeque<>();
    private final Map<Integer, String> clipIds = new HashMap<>();
    private final StringBuilder defs = new StringBuilder();
    private final StringBuilder body = new StringBuilder();
    private final Map<List<Object>, String> styles = new HashMap<>();
    /** The open group's start tag, written before its first element; null inside the root. */
    private String group;
    private boolean groupWritten;

    private SvgWriter() {
        states.push(new GraphicsState());
    }

    /** Writes {@code chart} as SVG to {@code out}. */
    static void write(Chart<?, ?> chart, OutputStream out) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        chart.paint(g, chart.getWidth(), chart.getHeight());
        write(g.getCommands(), chart.getWidth(), chart.getHeight(), out);
    }

    /** Writes the drawing {@code commands} (recorded by a {@link VectorGraphics2D}) as a width × height SVG. */
    static void write(CommandSequence commands, int width, int height, OutputStream out) throws IOException {
        List<Command<?>> filtered = new ArrayList<>();
        new StateChangeGroupingFilter(new FillPaintedShapeAsImageFilter(commands)).forEach(filtered::add);
        if (!draws(filtered)) {
            synchronized (VECTOR_GRAPHICS) {
                new SVGProcessor().getDocument(commands, new PageSize(0.0, 0.0, width, height)).writeTo(out);
            }
            return;
        }
        SvgWriter w = new SvgWriter();
        filtered.forEach(w::handle);
        w.closeGroup();
        out.write(w.document(width, height).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether this writer draws every command as VectorGraphics2D does: it leaves strings, images and their
     * settings to VectorGraphics2D (state changes that VectorGraphics2D's SVG ignores are ignored here too).
     */
    private static boolean draws(List<Command<?>> commands) {
        for (Command<?> c : commands) {
            boolean other = c instanceof Group g ? !draws(g.getValue())
                    : c instanceof DrawStringCommand || c instanceof DrawImageCommand
                            || c instanceof SetStrokeCommand s && !(s.getValue() instanceof BasicStroke)
                            || c instanceof SetColorCommand s && s.getValue().getColorSpace().getType() == ColorSpace.TYPE_CMYK;
            if (other) {
                return false;
            }
        }
        return true;
    }

    private String document(int width, int height) {
        StringBuilder b = new StringBuilder(HEAD.length() + defs.length() + body.length() + 400).append(HEAD)
                .append("<svg xmlns:xlink=\"http://www.w3.org/1999/xlink\" height=\"").append(height)
                .append("px\" version=\"1.1\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width)
                .append("px\" x=\"0px\" y=\"0px\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        if (!defs.isEmpty()) {
            b.append("  <defs>\n").append(defs).append("  </defs>\n");
        }
        return b.append(body).append("</svg>\n").toString();
    }

    private void handle(Command<?> command) {
        if (command instanceof Group g) {
            apply(g.getValue());
            if (g.getValue().stream().anyMatch(c -> c instanceof SetClipCommand || c instanceof SetTransformCommand
                    || c instanceof AffineTransformCommand)) {
                newGroup();
            }
        } else if (command instanceof DrawShapeCommand c) {
            element(c.getValue(), false);
        } else if (command instanceof FillShapeCommand c) {
            element(c.getValue(), true);
        }
    }

    /** The state changes of one group of commands, as VectorGraphics2D's SVG document applies them. */
    private void apply(List<Command<?>> commands) {
        for (Command<?> command : commands) {
            GraphicsState state = states.peek();
            if (command instanceof SetClipCommand c) {
                state.setClip(c.getValue());
            } else if (command instanceof SetColorCommand c) {
                state.setColor(c.getValue());
            } else if (command instanceof SetStrokeCommand c) {
                state.setStroke(c.getValue());
            } else if (command instanceof SetTransformCommand c) {
                state.setTransform(c.getValue());
            } else if (command instanceof AffineTransformCommand c) {
                AffineTransform t = state.getTransform();
                t.concatenate(c.getValue());
                state.setTransform(t);
            } else if (command instanceof CreateCommand) {
                states.push(copy(state));
            } else if (command instanceof DisposeCommand) {
                states.pop();
            }
        }
    }

    private static GraphicsState copy(GraphicsState state) {
        try {
            return (GraphicsState) state.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("VectorGraphics2D's graphics state cannot be copied", e);
        }
    }

    private void newGroup() {
        closeGroup();
        StringBuilder tag = new StringBuilder("  <g");
        Shape clip = states.peek().getClip();
        if (clip != GraphicsState.DEFAULT_CLIP) {
            tag.append(" clip-path=\"url(#").append(clipId(clip)).append(")\"");
        }
        AffineTransform tx = states.peek().getTransform();
        if (!GraphicsState.DEFAULT_TRANSFORM.equals(tx)) {
            tag.append(" transform=\"").append(transform(tx)).append('"');
        }
        group = tag.append(">\n").toString();
        groupWritten = false;
    }

    private void closeGroup() {
        if (group != null && groupWritten) {
            body.append("  </g>\n");
        }
        group = null;
    }

    private String clipId(Shape clip) {
        return clipIds.computeIfAbsent(clip.hashCode(), h -> {
            String id = "clip" + h;
            defs.append("    <clipPath id=\"").append(id).append("\">\n");
            shape(defs.append("      "), clip, null);
            defs.append("    </clipPath>\n");
            return id;
        });
    }

    private void element(Shape shape, boolean filled) {
        if (group != null && !groupWritten) {
            body.append(group);
            groupWritten = true;
        }
        shape(body.append(group != null ? "    " : "  "), shape, style(filled));
    }

    /** One shape element, its attributes in alphabetical order; {@code style} null for none. */
    private static void shape(StringBuilder b, Shape shape, String style) {
        if (shape instanceof Line2D s) {
            b.append("<line");
            style(b, style);
            attr(b, "x1", s.getX1());
            attr(b, "x2", s.getX2());
            attr(b, "y1", s.getY1());
            attr(b, "y2", s.getY2());
        } else if (shape instanceof Rectangle2D || shape instanceof RoundRectangle2D) {
            RectangularShape s = (RectangularShape) shape;
            b.append("<rect");
            attr(b, "height", s.getHeight());
            if (shape instanceof RoundRectangle2D r) {
                attr(b, "rx", r.getArcWidth() / 2.0);
                attr(b, "ry", r.getArcHeight() / 2.0);
            }
            style(b, style);
            attr(b, "width", s.getWidth());
            attr(b, "x", s.getX());
            attr(b, "y", s.getY());
        } else if (shape instanceof Ellipse2D s) {
            b.append("<ellipse");
            attr(b, "cx", s.getCenterX());
            attr(b, "cy", s.getCenterY());
            attr(b, "rx", s.getWidth() / 2.0);
            attr(b, "ry", s.getHeight() / 2.0);
            style(b, style);
        } else {
            path(b.append("<path d=\""), shape).append('"');
            style(b, style);
        }
        b.append("/>\n");
    }

    private static void style(StringBuilder b, String style) {
        if (style != null) {
            b.append(" style=\"").append(style).append('"');
        }
    }

    private static void attr(StringBuilder b, String name, double value) {
        b.append(' ').append(name).append("=\"");
        number(b, value).append('"');
    }

    /** The path data, as VectorGraphics2D writes it (its line-to x through {@code Double.toString}). */
    private static StringBuilder path(StringBuilder b, Shape shape) {
        PathIterator segments = shape.getPathIterator(null);
        double[] c = new double[6];
        for (int i = 0; !segments.isDone(); i++, segments.next()) {
            if (i > 0) {
                b.append(' ');
            }
            switch (segments.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> number(number(b.append('M'), c[0]).append(','), c[1]);
                case PathIterator.SEG_LINETO -> number(b.append('L').append(PLAIN_NUMBERS.get().formatted(c[0]))
                        .append(','), c[1]);
                case PathIterator.SEG_CUBICTO -> number(number(number(number(number(number(b.append('C'), c[0])
                        .append(','), c[1]).append(' '), c[2]).append(','), c[3]).append(' '), c[4]).append(','), c[5]);
                case PathIterator.SEG_QUADTO -> number(number(number(number(b.append('Q'), c[0]).append(','), c[1])
                        .append(' '), c[2]).append(','), c[3]);
                case PathIterator.SEG_CLOSE -> b.append('Z');
                default -> throw new IllegalStateException("unknown path segment in a chart");
            }
        }
        return b;
    }

    /** The style of the current colour and stroke, filled or drawn, written once per document. */
    private String style(boolean filled) {
        GraphicsState s = states.peek();
        return styles.computeIfAbsent(List.of(filled, s.getColor(), s.getStroke()), k -> style(filled, s));
    }

    private static String style(boolean filled, GraphicsState state) {
        Color color = state.getColor();
        String rgb = "rgb(" + color.getRed() + "," + color.getGreen() + "," + color.getBlue() + ")";
        boolean translucent = color.getAlpha() < 255;
        StringBuilder b = new StringBuilder();
        if (filled) {
            b.append("fill:").append(rgb).append(';');
            if (translucent) {
                number(b.append("fill-opacity:"), color.getAlpha() / 255.0).append(';');
            }
            return b.append("stroke:none;").toString();
        }
        b.append("fill:none;stroke:").append(rgb).append(';');
        if (translucent) {
            number(b.append("stroke-opacity:"), color.getAlpha() / 255.0).append(';');
        }
        BasicStroke bs = (BasicStroke) state.getStroke();
        if (bs.getLineWidth() != 1f) {
            number(b.append("stroke-width:"), bs.getLineWidth()).append(';');
        }
        if (bs.getMiterLimit() != 4f) {
            number(b.append("stroke-miterlimit:"), bs.getMiterLimit()).append(';');
        }
        if (bs.getEndCap() != BasicStroke.CAP_BUTT) {
            b.append("stroke-linecap:").append(bs.getEndCap() == BasicStroke.CAP_ROUND ? "round" : "square").append(';');
        }
        if (bs.getLineJoin() != BasicStroke.JOIN_MITER) {
            b.append("stroke-linejoin:").append(bs.getLineJoin() == BasicStroke.JOIN_ROUND ? "round" : "bevel")
                    .append(';');
        }
        if (bs.getDashArray() != null) {
            b.append("stroke-dasharray:");
            float[] dashes = bs.getDashArray();
            for (int i = 0; i < dashes.length; i++) {
                number(b.append(i > 0 ? "," : ""), dashes[i]);
            }
            b.append(';');
            if (bs.getDashPhase() != 0f) {
                number(b.append("stroke-dashoffset:"), bs.getDashPhase()).append(';');
            }
        }
        return b.toString();
    }

    private static String transform(AffineTransform tx) {
        StringBuilder b = new StringBuilder();
        if (AffineTransform.getTranslateInstance(tx.getTranslateX(), tx.getTranslateY()).equals(tx)) {
            number(number(b.append("translate("), tx.getTranslateX()).append(' '), tx.getTranslateY());
            return b.append(')').toString();
        }
        double[] m = new double[6];
        tx.getMatrix(m);
        b.append("matrix(");
        for (int i = 0; i < m.length; i++) {
            number(b.append(i > 0 ? " " : ""), m[i]);
        }
        return b.append(')').toString();
    }

    /** A double as VectorGraphics2D formats it: {@code DecimalFormat("0")}, up to 15 decimals, in English. */
    static StringBuilder number(StringBuilder b, double v) {
        return b.append(NUMBERS.get().formatted(v));
    }

    /** {@link #number} without the cache. */
    private static String format(double v) {
        if (SAME_DIGITS && Double.isFinite(v)) {
            String s = Double.toString(v);
            int dot = s.indexOf('.');
            if (s.indexOf('E') < 0 && s.length() - dot - 1 <= 15) {
                int end = s.length();
                while (s.charAt(end - 1) == '0') {
                    end--;
                }
                return s.substring(0, s.charAt(end - 1) == '.' ? end - 1 : end);
            }
        }
        return FORMATS.get()[0].format(v);
    }

    /**
     * The numbers this thread formatted last, direct-mapped by their bits: a chart repeats few distinct numbers
     * (the smoke's 12 SVGs hold 339 434 numbers, 19 466 of them distinct: glyph outlines, tick positions).
     */
    private static final class Numbers {
        private static final int SIZE = 1 << 14;
        private final long[] bits = new long[SIZE];
        private final String[] text = new String[SIZE];
        private final DoubleFunction<String> format;

        Numbers(DoubleFunction<String> format) {
            this.format = format;
        }

        String formatted(double v) {
            long key = Double.doubleToRawLongBits(v);
            int slot = (int) (key ^ key >>> 29 ^ key >>> 43) & (SIZE - 1);
            if (text[slot] == null || bits[slot] != key) {
                bits[slot] = key;
                text[slot] = format.apply(v);
            }
            return text[slot];
        }
    }

    /** A float as VectorGraphics2D formats it: up to 6 decimals. */
    private static StringBuilder number(StringBuilder b, float v) {
        return b.append(FORMATS.get()[1].format(v));
    }

    private static DecimalFormat format(int decimals) {
        DecimalFormat f = new DecimalFormat("0", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        f.setMaximumFractionDigits(decimals);
        return f;
    }
}
