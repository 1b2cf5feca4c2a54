package org.synapticgeometry.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.synapticgeometry.files.AtomicFiles;

/**
 * Writes a built report: each figure as PNG and SVG, {@code index.html} (opens from disk; images
 * are relative links) and {@code summary.md}, every file atomically.
 */
final class ReportWriter {
    private ReportWriter() {
    }

    /**
     * Writes every file into {@code out}; returns the paths written, in report order. The figures are
     * rendered in parallel (parallel stream: the common pool's threads and the caller; {@link Figure#rendered}),
     * each on one thread, PNG then SVG ({@link SvgWriter}); the bytes do not depend on the thread count.
     */
    static List<Path> write(Report report, Path out) {
        List<Figure> figures = report.figures();
        List<Path> written = new ArrayList<>();
        IntStream.range(0, figures.size()).parallel().mapToObj(i -> writeFigure(figures.get(i), out)).toList()
                .forEach(written::addAll);
        Path html = out.resolve("index.html");
        Path md = out.resolve("summary.md");
        AtomicFiles.writeString(html, html(report));
        AtomicFiles.writeString(md, markdown(report));
        written.add(html);
        written.add(md);
        return written;
    }

    private static List<Path> writeFigure(Figure f, Path out) {
        Figure.Rendered r = f.rendered();
        Path png = out.resolve(f.id() + ".png");
        Path svg = out.resolve(f.id() + ".svg");
        AtomicFiles.write(png, o -> o.write(r.png()));
        AtomicFiles.write(svg, o -> o.write(r.svg()));
        return List.of(png, svg);
    }

    /**
     * The chart as PNG: XChart's bitmap of it ({@code BitmapEncoder.getBufferedImage}), written as the JDK's PNG
     * writer (what XChart's {@code BitmapEncoder.saveBitmap} uses) writes it ({@link PngWriter}).
     */
    static void png(Chart<?, ?> chart, OutputStream o) throws IOException {
        PngWriter.write(BitmapEncoder.getBufferedImage(chart), o);
    }

    static String html(Report r) {
        StringBuilder b = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>synaptic-geometry report</title>
                <style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}
                table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}
                th{background:#eee}td.ok{background:#d8f0d8}td.bad{background:#f6d5d5}figure{margin:2em 0}
                figcaption{font-size:90%;color:#444}.note{color:#8a5a00}</style></head><body>
                <h1>synaptic-geometry report</h1>
                <p>Which geometry of plasticity (mirror-descent potential) produced each weight change: the candidate whose
                dual-space change is most Gaussian (lowest ΔCDF) is identified. Pogodin et al., ICLR 2024.</p>
                """);
        b.append("<h2>Identification</h2>\n");
        for (String scope : List.of("pooled", "standardized")) {
            b.append(htmlTable(r.identification(scope), scope));
        }
        b.append(htmlConfusion(r.confusion("pooled")));
        for (String note : r.notes()) {
            b.append("<p class=\"note\">").append(esc(note)).append("</p>\n");
        }
        b.append("<h2>Figures</h2>\n");
        for (Figure f : r.figures()) {
            b.append("<figure><h3>").append(esc(f.title())).append("</h3><img src=\"").append(f.id())
                    .append(".png\" alt=\"").append(esc(f.title())).append("\" width=\"").append(Charts.WIDTH)
                    .append("\"><figcaption>").append(esc(f.caption())).append(" (<a href=\"").append(f.id())
                    .append(".svg\">SVG</a>)</figcaption></figure>\n");
        }
        b.append(htmlTrainings(r.trainings()));
        return b.append("</body></html>\n").toString();
    }

    private static String htmlTable(List<Identifications.Line> lines, String scope) {
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<table><caption>scope: " + scope + "</caption><tr><th>architecture</th>"
                + "<th>trained potential</th><th>identified / runs</th><th>identified as</th>"
                + "<th>argmin of mean ΔCDF</th><th>mean ΔCDF, trained</th></tr>\n");
        for (Identifications.Line l : lines) {
            b.append("<tr><td>").append(esc(l.architecture())).append("</td><td>").append(esc(l.trained()))
                    .append("</td><td class=\"").append(l.correct() == l.runs() ? "ok" : "bad").append("\">")
                    .append(l.correct()).append('/').append(l.runs()).append("</td><td>")
                    .append(esc(l.identifiedAs().toString())).append("</td><td class=\"")
                    .append(l.trained().equals(l.argminOfMean()) ? "ok" : "bad").append("\">")
                    .append(esc(argmin(l))).append("</td><td>").append(mean(l)).append("</td></tr>\n");
        }
        return b.append("</table>\n").toString();
    }

    private static String htmlConfusion(Map<String, Map<String, Integer>> m) {
        if (m.isEmpty()) {
            return "";
        }
        List<String> cols = m.values().stream().flatMap(x -> x.keySet().stream()).distinct().sorted().toList();
        StringBuilder b = new StringBuilder("<table><caption>confusion (pooled): rows trained, columns identified"
                + "</caption><tr><th></th>");
        cols.forEach(c -> b.append("<th>").append(esc(c)).append("</th>"));
        b.append("</tr>\n");
        m.forEach((trained, row) -> {
            b.append("<tr><th>").append(esc(trained)).append("</th>");
            cols.forEach(c -> b.append("<td class=\"").append(c.equals(trained) ? "ok" : "").append("\">")
                    .append(row.getOrDefault(c, 0)).append("</td>"));
            b.append("</tr>\n");
        });
        return b.append("</table>\n").toString();
    }

    private static String htmlTrainings(List<Map<String, String>> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        List<String> cols = rows.stream().flatMap(x -> x.keySet().stream()).distinct().toList();
        StringBuilder b = new StringBuilder("<h2>Fine-tuning runs</h2><table><tr>");
        cols.forEach(c -> b.append("<th>").append(esc(c)).append("</th>"));
        b.append("</tr>\n");
        rows.forEach(row -> {
            b.append("<tr>");
            cols.forEach(c -> b.append("<td>").append(esc(row.getOrDefault(c, ""))).append("</td>"));
            b.append("</tr>\n");
        });
        return b.append("</table>\n").toString();
    }

    static String markdown(Report r) {
        StringBuilder b = new StringBuilder("# synaptic-geometry report\n\n## Identification\n\n");
        for (String scope : List.of("pooled", "standardized")) {
            List<Identifications.Line> lines = r.identification(scope);
            if (lines.isEmpty()) {
                continue;
            }
            b.append("Scope `").append(scope).append("`:\n\n| architecture | trained potential | identified / runs | identified as"
                    + " | argmin of mean ΔCDF | mean ΔCDF, trained |\n|---|---|---|---|---|---:|\n");
            for (Identifications.Line l : lines) {
                b.append("| ").append(l.architecture()).append(" | ").append(l.trained()).append(" | ")
                        .append(l.correct()).append('/').append(l.runs()).append(" | ").append(l.identifiedAs())
                        .append(" | ").append(argmin(l)).append(" | ").append(mean(l)).append(" |\n");
            }
            b.append('\n');
        }
        if (!r.notes().isEmpty()) {
            b.append("## Notes\n\n");
            r.notes().forEach(n -> b.append("- ").append(n).append('\n'));
            b.append('\n');
        }
        b.append("## Figures\n\n");
        r.figures().forEach(f -> b.append("- [").append(f.title()).append("](").append(f.id()).append(".png) (")
                .append(f.id()).append(".svg)\n"));
        return b.toString();
    }

    /** The paper's criterion of a line, "-" when no candidate was scored in every run. */
    private static String argmin(Identifications.Line l) {
        return l.argminOfMean() == null ? "-" : l.argminOfMean();
    }

    private static String mean(Identifications.Line l) {
        return Double.isNaN(l.trainedMean()) ? "-" : String.format(java.util.Locale.ROOT, "%.4f", l.trainedMean());
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

}
