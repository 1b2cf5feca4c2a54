package org.synapticgeometry.tracking;

import java.nio.file.Path;
import java.util.Map;

/**
 * A stage that starts its tracked run, logs one epoch and then waits to be killed: the child
 * process of {@link CrashRepairTest}. Prints {@code started <run id>} when the run exists.
 */
public final class HangingStage {
    private HangingStage() {
    }

    /** Args: output folder. Tracking comes from the environment, as in a workflow task. */
    public static void main(String[] args) throws InterruptedException {
        TrackedRun run = Tracking.startStage("hang", Path.of(args[0]), Map.of("epochs", "100"), Map.of("seed", "1"));
        run.logMetric("train.loss", 1.0, 0);
        run.flush();
        System.out.println("started " + run.runId());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
