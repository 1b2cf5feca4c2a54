package org.synapticgeometry.tracking;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs not yet ended in this JVM. One shutdown hook ends them as KILLED when the JVM stops early
 * (SIGTERM from Nextflow or a scheduler, Ctrl-C), so no run is left RUNNING by a clean signal;
 * what a SIGKILL leaves is repaired by {@code sgeo tracking sync}.
 */
final class OpenRuns {
    private static final Set<TrackedRun> OPEN = new LinkedHashSet<>();
    private static boolean hooked;

    private OpenRuns() {
    }

    static synchronized void add(TrackedRun run) {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(OpenRuns::killAll, "sgeo-tracking-shutdown"));
            hooked = true;
        }
        OPEN.add(run);
    }

    static synchronized void remove(TrackedRun run) {
        OPEN.remove(run);
    }

    /** Ends every open run as KILLED (the shutdown hook; tests call it directly). */
    static void killAll() {
        List<TrackedRun> runs;
        synchronized (OpenRuns.class) {
            runs = new ArrayList<>(OPEN);
        }
        for (TrackedRun r : runs) {
            try {
                r.end(RunStatus.KILLED);
            } catch (RuntimeException e) {
                System.err.println("sgeo tracking: could not mark run " + r.runId() + " KILLED: " + e.getMessage());
            }
        }
    }
}
