package org.synapticgeometry.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * A built report: its figures, identification tables, fine-tuning summaries and notes (figures
 * skipped because their inputs are absent, and why). Build with {@link #build(ReportInputs)},
 * write with {@link #writeTo(Path)}.
 */
public final class Report {
    private final ReportInputs inputs;
    private final List<Figure> figures;
    private final List<String> notes;

    private Report(ReportInputs inputs, List<Figure> figures, List<String> notes) {
        this.inputs = inputs;
        this.figures = List.copyOf(figures);
        this.notes = List.copyOf(notes);
    }

    /**
     * Draws every figure whose inputs exist and notes the others; the robustness figures (synthetic
     * changes, {@link Robustness}: their curves are stored with the application) need no input and are
     * always drawn. The figure families are drawn in parallel (parallel stream), each on one thread.
     */
    public static Report build(ReportInputs in) {
        List<ScoreRow> deep = in.scores().stream().filter(r -> !"linear".equals(r.architecture())).toList();
        List<Supplier<List<Figure>>> families = List.of(
                () -> FineTuningFigures.ownDeltaCdf(deep),
                () -> FineTuningFigures.candidates(in.scores()),
                () -> LinregFigures.build(in.linreg()),
                () -> DistributionFigures.build(in.pairManifests()),
                () -> Identifications.pHat(in.identifications()));
        List<List<Figure>> made = IntStream.range(0, families.size()).parallel().mapToObj(i -> families.get(i).get())
                .toList();
        List<Figure> figs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        addOrNote(figs, notes, made.get(0), "no fine-tuned network was scored: the fine-tuning ΔCDF-vs-n figure is skipped");
        figs.addAll(made.get(1));
        addOrNote(figs, notes, made.get(2), "no linreg.csv among the inputs: the linear-regression figures are skipped");
        List<String> rules = LinregFigures.rules(in.linreg());
        if (!in.linreg().isEmpty() && rules.size() < 2) {
            notes.add("linear regression ran with one N–D rule only (k = " + rules
                    + "); params/linreg-paper.yaml has both 0.5 and 0.75");
        }
        addOrNote(figs, notes, made.get(3),
                "no snapshot pairs were given (--manifest): the Δ-histogram and |w| figures are skipped");
        addOrNote(figs, notes, made.get(4), "no run has a p̂ (sgeo score --scan-p none?): the p̂ figure is skipped");
        figs.addAll(Robustness.reportFigures());
        return new Report(in, figs, notes);
    }

    /**
     * Starts the part of a report that needs no input (the robustness figures) on a thread of its own, so
     * that it is drawn and rendered while the inputs are read; {@link #build} and {@link #writeTo} wait for
     * it. Optional.
     */
    public static void prepare() {
        Robustness.startInBackground();
    }

    private static void addOrNote(List<Figure> figs, List<String> notes, List<Figure> made, String note) {
        if (made.isEmpty()) {
            notes.add(note);
        }
        figs.addAll(made);
    }

    /** Writes the figures (PNG, SVG), index.html and summary.md into {@code out}; returns the files. */
    public List<Path> writeTo(Path out) {
        return ReportWriter.write(this, out);
    }

    /** The figures, in report order. */
    public List<Figure> figures() {
        return figures;
    }

    /** Figures skipped and other caveats, one sentence each. */
    public List<String> notes() {
        return notes;
    }

    /** The identification table of one scope. */
    public List<Identifications.Line> identification(String scope) {
        return Identifications.table(inputs.identifications(), inputs.scores(), scope);
    }

    /** The confusion counts of one scope. */
    public Map<String, Map<String, Integer>> confusion(String scope) {
        return Identifications.confusion(inputs.identifications(), scope);
    }

    /** The scalar fields of every fine-tuning summary ({@code train.json}), one map per run. */
    public List<Map<String, String>> trainings() {
        List<Map<String, String>> out = new ArrayList<>();
        for (JsonNode t : inputs.trainings().values()) {
            Map<String, String> row = new LinkedHashMap<>();
            t.fields().forEachRemaining(f -> {
                if (f.getValue().isValueNode()) {
                    row.put(f.getKey(), f.getValue().asText());
                }
            });
            out.add(row);
        }
        return out;
    }
}
