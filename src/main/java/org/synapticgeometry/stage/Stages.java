package org.synapticgeometry.stage;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.synapticgeometry.files.OutputFolder;
import org.synapticgeometry.tracking.RunStatus;
import org.synapticgeometry.tracking.TrackedRun;
import org.synapticgeometry.tracking.Tracking;

/**
 * Runs every stage the same way: inputs checked, output folder opened (writable, locked against a second
 * run, and fresh: a finished run's outputs refused, or cleared with {@code --overwrite}; a failed run's cleared), one tracked run
 * started with the options as params and the stage's tags, the work done, and the run ended FINISHED, or
 * FAILED when the work throws (a signal ends it KILLED through the tracking shutdown hook). The only place
 * a stage's run starts and ends.
 */
public final class Stages {
    private Stages() {
    }

    /** As {@link #run(Stage, StageOptions, PrintWriter, boolean)} without {@code --overwrite}. */
    public static <O extends StageOptions, R> R run(Stage<O, R> stage, O options, PrintWriter log) {
        return run(stage, options, log, false);
    }

    /**
     * Runs {@code stage} with {@code options}; progress and notes go to {@code log}.
     *
     * @param overwrite replace the outputs of another run found in the output folder instead of refusing
     * @return what the stage returns
     * @throws IllegalArgumentException for bad input (before the run starts, or found while running), an
     *     output folder in use by another run, or one holding another run's outputs without {@code overwrite}
     */
    public static <O extends StageOptions, R> R run(Stage<O, R> stage, O options, PrintWriter log, boolean overwrite) {
        stage.checkInputs(options);
        try (OutputFolder folder = OutputFolder.open(options.out(), "--out", stage.ownsOutputFolder(), overwrite, log)) {
            Map<String, String> tags = new LinkedHashMap<>(stage.tags(options));
            TrackedRun run = new FreshOutputsRun(
                    Tracking.startStage(stage.name(), options.out(), options.params(), tags), folder, log);
            try {
                R result = stage.execute(options, new StageContext(run, log));
                run.end(RunStatus.FINISHED);
                return result;
            } catch (RuntimeException | Error e) {
                run.end(RunStatus.FAILED);
                throw e;
            }
        } finally {
            log.flush();
        }
    }
}
