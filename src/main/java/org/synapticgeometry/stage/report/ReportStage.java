package org.synapticgeometry.stage.report;

import java.nio.file.Path;
import org.synapticgeometry.report.Report;
import org.synapticgeometry.report.ReportInputs;
import org.synapticgeometry.stage.Stage;
import org.synapticgeometry.stage.StageContext;

/**
 * The {@code report} stage: reads score folders (and linear-regression and fine-tuning outputs), builds
 * the paper's figures and writes {@code index.html}, one PNG and one SVG per figure and {@code summary.md}.
 * A figure whose inputs are absent is skipped with a note. The inputs are read once: those that
 * {@link #checkInputs} read and accepted are the ones {@link #execute} reports.
 */
public final class ReportStage implements Stage<ReportOptions, Report> {
    /** Stage name in tracking. */
    public static final String STAGE = "report";
    private ReportOptions readFor;
    private ReportInputs inputs;

    @Override
    public String name() {
        return STAGE;
    }

    /**
     * Reads the inputs first, so that a missing or malformed one fails before a run starts; the part of the
     * report that needs no input is drawn meanwhile ({@link Report#prepare}).
     */
    @Override
    public void checkInputs(ReportOptions options) {
        Report.prepare();
        inputs(options);
    }

    /**
     * Builds and writes the report; notes on skipped figures go to the log.
     *
     * @return the report written
     */
    @Override
    public Report execute(ReportOptions options, StageContext context) {
        Report report = Report.build(inputs(options));
        for (Path f : report.writeTo(options.out())) {
            context.output(f, "report");
        }
        report.notes().forEach(n -> context.log().println("sgeo report: note: " + n));
        return report;
    }

    /** The inputs of {@code options}, read on the first call for them. */
    private ReportInputs inputs(ReportOptions options) {
        if (!options.equals(readFor)) {
            inputs = ReportInputs.read(options.scores(), options.extras(), options.pairs());
            readFor = options;
        }
        return inputs;
    }
}
