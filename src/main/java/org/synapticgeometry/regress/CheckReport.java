package org.synapticgeometry.regress;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.synapticgeometry.files.Json;

/**
 * The report of a check: Markdown fit for a pull-request comment (figures outside their band first, the
 * figures that moved inside it folded away, the params that differ) and JSON with every figure for machines.
 */
public final class CheckReport {
    private static final List<String> COLUMNS = List.of("figure", "band", "baseline:", "value:", "change:",
            "of band:", "note");

    private CheckReport() {
    }

    /** The Markdown report. */
    public static String markdown(CheckOutcome o) {
        StringBuilder b = new StringBuilder();
        int n = o.verdicts().size();
        b.append("### sgeo regress check: ").append(o.passed()
                ? "passed, all " + n + " figures inside their bands"
                : "FAILED, " + o.outside().size() + " of " + n + " figures outside their bands").append("\n\n");
        b.append(provenance(o)).append("\n\n");
        if (!o.outside().isEmpty()) {
            b.append("Outside their bands, worst first:\n\n").append(table(o.outside())).append('\n');
        }
        List<Verdict> inside = o.movedInside();
        if (!inside.isEmpty()) {
            b.append("<details><summary>").append(inside.size()).append(" figure(s) moved inside their bands")
                    .append("</summary>\n\n").append(table(inside)).append("\n</details>\n\n");
        }
        b.append(o.unchanged()).append(" figure(s) unchanged. ");
        b.append("Band: ").append(o.baseline().toleranceRule()).append(".\n");
        if (!o.params().isEmpty()) {
            b.append("\nParams that differ from the baseline's run:\n\n");
            b.append(Reports.header(List.of("param", "baseline", "results")));
            for (ParamChange p : o.params()) {
                b.append(Reports.row(List.of("`" + p.key() + "`", orNone(p.before()), orNone(p.after()))));
            }
        }
        return b.toString();
    }

    private static String provenance(CheckOutcome o) {
        Baseline.Provenance p = o.baseline().provenance();
        RunProvenance r = o.results().provenance();
        return "Baseline `" + o.baselineSource() + "` (experiment " + orNone(o.baseline().experiment()) + ", commit "
                + Reports.shortCommit(p == null ? null : p.commit()) + ", made " + (p == null ? "?" : p.madeAt())
                + ") against results `" + o.results().source() + "` (commit "
                + Reports.shortCommit(String.join(",", r.commits())) + ", " + r.stageRuns() + " stage runs, wall time "
                + Reports.duration(r.wallSeconds()) + ").";
    }

    private static String table(List<Verdict> verdicts) {
        StringBuilder b = new StringBuilder(Reports.header(COLUMNS));
        for (Verdict v : verdicts) {
            b.append(Reports.row(List.of(v.cell().name(), v.band().describe(), v.describeBaseline(), v.describeValue(),
                    v.band().isCount() ? Reports.countChange(v.change()) : Reports.change(v.change()),
                    Reports.percent(v.severity()), v.note())));
        }
        return b.toString();
    }

    private static String orNone(String s) {
        return s == null ? "(none)" : "`" + s + "`";
    }

    /** The JSON report: status, counts, provenance of both sides, every figure worst first, params that differ. */
    public static String json(CheckOutcome o) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("status", o.passed() ? "passed" : "failed");
        root.put("figures", o.verdicts().size());
        root.put("outside", o.outside().size());
        root.put("moved_inside", o.movedInside().size());
        root.put("unchanged", o.unchanged());
        root.put("baseline", o.baselineSource());
        root.put("experiment", o.baseline().experiment());
        root.set("baseline_provenance", Json.mapper().valueToTree(o.baseline().provenance()));
        root.put("results", o.results().source());
        root.set("results_provenance", Json.mapper().valueToTree(o.results().provenance()));
        root.put("tolerance_rule", o.baseline().toleranceRule());
        ArrayNode figures = root.putArray("verdicts");
        for (Verdict v : o.verdicts()) {
            ObjectNode f = figures.addObject();
            f.put("name", v.cell().name());
            f.put("inside", v.inside());
            f.set("cell", Json.mapper().valueToTree(v.cell()));
            f.set("band", Json.mapper().valueToTree(v.band()));
            number(f, "value", v.value());
            f.put("runs", v.runs());
            number(f, "change", v.change());
            number(f, "severity", v.severity());
            if (!v.note().isEmpty()) {
                f.put("note", v.note());
            }
        }
        root.set("params_differ", Json.mapper().valueToTree(o.params()));
        return Json.text(root);
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
