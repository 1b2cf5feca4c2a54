package org.synapticgeometry.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/** Work over [0, n) cut into contiguous ranges: the first runs on the calling thread, the others on the common fork-join pool. */
public final class Split {
    private Split() {
    }

    /** The work on one range [from, to). */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /**
     * Runs {@code work} over [0, n) in {@code parts} ranges whose starts are multiples of {@code unit} (the
     * last range takes the rest) and returns once all are done; one range, on this thread, when
     * {@code parts} is 1 or n holds less than one unit per part.
     */
    public static void run(int n, int parts, int unit, Range work) {
        int per = parts <= 1 ? 0 : n / parts / unit * unit;
        if (per == 0) {
            work.run(0, n);
            return;
        }
        List<ForkJoinTask<?>> others = new ArrayList<>();
        for (int k = 1; k < parts; k++) {
            int from = k * per;
            int to = k == parts - 1 ? n : from + per;
            others.add(ForkJoinPool.commonPool().submit(() -> work.run(from, to)));
        }
        work.run(0, per);
        others.forEach(ForkJoinTask::join);
    }
}
