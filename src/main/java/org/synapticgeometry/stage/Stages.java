package org.synapticgeometry.stage;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.synapticgeometry.files.AtomicFiles;
import org.synapticgeometry.tracking.RunStatus;
import org.synapticgeometry.tracking.TrackedRun;
import org.synapticgeometry.tracking.Tracking;

/**
 * Runs every stage the same way: inputs checked, output folder checked writable, one tracked run started
 * with the options as params and the stage's tags, the work done, and the run ended FINISHED, or FAILED
 * when the work throws (a signal ends it KILLED through the tracking shutdown hook). The only place a
 * stage's run starts and ends.
 */
public final class Stages {
    private Stages() {
    }

    /**
     * Runs {@code stage} with {@code options}; progress and notes go to {@code log}.
     *
     * @return what the stage returns
     * @throws IllegalArgumentException for bad input (before the run starts, or found while running)
     */
    public static <O extends StageOptions, R> R run(Stage<O, R> stage, O options, PrintWriter log) {
        stage.checkInputs(options);
        AtomicFiles.requireWritableDirectory(options.out(), "--out");
        Map<String, String> tags = new LinkedHashMap<>(stage.tags(options));
        TrackedRun run = Tracking.startStage(stage.name(), options.out(), options.params(), tags);
        try {
            R result = stage.execute(options, new StageContext(run, log));
            run.end(RunStatus.FINISHED);
            return result;
        } catch (RuntimeException | Error e) {
            run.end(RunStatus.FAILED);
            throw e;
        } finally {
            log.flush();
        }
    }
}
