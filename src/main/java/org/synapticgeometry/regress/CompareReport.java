package org.synapticgeometry.regress;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.synapticgeometry.files.Json;

/** A {@link Comparison} as a Markdown table (like {@code dvc exp diff}) or as JSON. */
public final class CompareReport {
    private CompareReport() {
    }

    /** The Markdown report: provenance, one row per headline figure, then the params that differ. */
    public static String markdown(Comparison c) {
        StringBuilder b = new StringBuilder("### sgeo compare\n\n");
        b.append(Reports.header(List.of("", "A", "B")));
        b.append(Reports.row(List.of("results", "`" + c.a().source() + "`", "`" + c.b().source() + "`")));
        b.append(Reports.row(List.of("experiment", experiment(c.a()), experiment(c.b()))));
        b.append(Reports.row(List.of("commit", Reports.shortCommit(String.join(",", c.a().provenance().commits())),
                Reports.shortCommit(String.join(",", c.b().provenance().commits())))));
        b.append(Reports.row(List.of("wall time (first stage start to last end)",
                Reports.duration(c.a().provenance().wallSeconds()), Reports.duration(c.b().provenance().wallSeconds()))));
        b.append(Reports.row(List.of("stage time (sum)", Reports.duration(c.a().provenance().stageSeconds()),
                Reports.duration(c.b().provenance().stageSeconds()))));
        b.append('\n').append(Reports.header(List.of("figure", "A:", "B:", "change:")));
        for (Comparison.Row r : c.rows()) {
            boolean count = r.cell().kind() == FigureKind.IDENTIFICATION;
            b.append(Reports.row(List.of(r.cell().name(), value(r.a(), r.runsA(), count), value(r.b(), r.runsB(), count),
                    count ? Reports.countChange(r.change()) : Reports.change(r.change()))));
        }
        b.append('\n');
        if (c.params().isEmpty()) {
            b.append("No science param differs.\n");
        } else {
            b.append(Reports.header(List.of("param", "A", "B")));
            for (ParamChange p : c.params()) {
                b.append(Reports.row(List.of("`" + p.key() + "`", orNone(p.before()), orNone(p.after()))));
            }
        }
        return b.toString();
    }

    private static String value(double v, int runs, boolean count) {
        if (runs == 0) {
            return "—";
        }
        return count ? Reports.count(v, runs) : Reports.number(v);
    }

    private static String experiment(Results r) {
        return r.provenance().experiments().isEmpty() ? "(none)" : String.join(", ", r.provenance().experiments());
    }

    private static String orNone(String s) {
        return s == null ? "(none)" : "`" + s + "`";
    }

    /** The JSON report: both provenances, every row, the params that differ. */
    public static String json(Comparison c) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("a", c.a().source());
        root.put("b", c.b().source());
        root.set("a_provenance", Json.mapper().valueToTree(c.a().provenance()));
        root.set("b_provenance", Json.mapper().valueToTree(c.b().provenance()));
        ArrayNode rows = root.putArray("figures");
        for (Comparison.Row r : c.rows()) {
            ObjectNode o = rows.addObject();
            o.put("name", r.cell().name());
            o.set("cell", Json.mapper().valueToTree(r.cell()));
            side(o, "a", r.a(), r.runsA());
            side(o, "b", r.b(), r.runsB());
            if (Double.isFinite(r.change())) {
                o.put("change", r.change());
            } else {
                o.putNull("change");
            }
        }
        root.set("params_differ", Json.mapper().valueToTree(c.params()));
        return Json.text(root);
    }

    private static void side(ObjectNode o, String key, double v, int runs) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
        o.put("runs_" + key, runs);
    }
}
