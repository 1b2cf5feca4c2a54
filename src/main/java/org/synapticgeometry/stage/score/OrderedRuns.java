package org.synapticgeometry.stage.score;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import org.synapticgeometry.concurrent.Results;
import org.synapticgeometry.files.Manifest;

/**
 * Scores the runs of a manifest several at a time, one per core, and hands their results back one by one in
 * manifest order. A run's result depends on its inputs and its run id alone (its bootstrap seed derives from the
 * id), so the results, and every file written from them, are the same for any number of threads. Only small runs
 * overlap: a run whose two snapshot files together exceed {@link #SMALL_RUN_BYTES} is scored alone, after the
 * runs before it, with every core on its own statistics, so that at most one large run is in memory at a time.
 */
final class OrderedRuns {
    /** Largest pair of snapshot files (bytes together) scored beside other runs. */
    static final long SMALL_RUN_BYTES = 64L << 20;

    private final int threads;
    private final long smallRunBytes;

    /** Runs on {@code threads} threads (1: one run after the other on the calling thread). */
    OrderedRuns(int threads) {
        this(threads, SMALL_RUN_BYTES);
    }

    /** As {@link #OrderedRuns(int)}, with another bound on the runs that overlap (tests). */
    OrderedRuns(int threads, long smallRunBytes) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, found " + threads);
        }
        this.threads = threads;
        this.smallRunBytes = smallRunBytes;
    }

    /**
     * Applies {@code analyse} to every run and gives each result to {@code done} on the calling thread, in the
     * order of {@code runs}. An exception other than the analysis' own failed results stops the scoring and is
     * rethrown.
     */
    <R> void forEach(List<Manifest.Entry> runs, Function<Manifest.Entry, R> analyse, Consumer<R> done) {
        if (threads == 1 || runs.size() < 2) {
            runs.forEach(run -> done.accept(analyse.apply(run)));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sgeo-score-run");
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<R>> pending = new ArrayDeque<>();
            int next = 0;
            while (next < runs.size() || !pending.isEmpty()) {
                while (next < runs.size() && pending.size() < threads && (pending.isEmpty() || small(runs.get(next)))) {
                    Manifest.Entry run = runs.get(next++);
                    pending.add(pool.submit(() -> analyse.apply(run)));
                    if (!small(run)) {
                        break;
                    }
                }
                done.accept(Results.of(pending.removeFirst(), "a run's scores"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Whether a run's snapshot files are small enough to be scored beside others (a missing file is small). */
    private boolean small(Manifest.Entry run) {
        return bytes(run.init()) + bytes(run.fin()) <= smallRunBytes;
    }

    private static long bytes(Path p) {
        try {
            return p != null && Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
