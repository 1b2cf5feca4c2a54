package org.synapticgeometry.training;

import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed pool of threads for training runs side by side, e.g. the trials of a learning-rate search.
 * Each thread runs libtorch's CPU ops on one intra-op thread, so that as many runs as the pool has
 * threads use as many cores and do not oversubscribe them, and starts with gradient recording off,
 * as the thread that loaded the engine. Both settings are libtorch's per-thread state (OpenMP's and
 * MKL's thread counts, autograd's mode): the other threads of the process keep theirs. A thread
 * created later without a count of its own starts with the last count set in the process, so such
 * threads set theirs before their first op.
 *
 * <pre>{@code
 * try (TorchWorkers workers = TorchWorkers.start(2, "trial")) {
 *     Future<Double> a = workers.pool().submit(() -> trainOne(1e-3));
 *     ...
 * }
 * }</pre>
 * Closing waits for the submitted work to finish.
 */
public final class TorchWorkers implements AutoCloseable {
    private final ExecutorService pool;

    private TorchWorkers(ExecutorService pool) {
        this.pool = pool;
    }

    /**
     * Starts {@code threads} daemon threads named {@code name-1}, {@code name-2}, ...
     *
     * @throws IllegalArgumentException if threads &lt; 1
     */
    public static TorchWorkers start(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("a pool needs at least one thread, found " + threads);
        }
        AtomicInteger count = new AtomicInteger();
        return new TorchWorkers(Executors.newFixedThreadPool(threads, work -> {
            Thread t = new Thread(() -> {
                JniUtils.setNumThreads(1);
                JniUtils.setGradMode(false);
                work.run();
            }, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }));
    }

    /** The pool to submit runs to. */
    public ExecutorService pool() {
        return pool;
    }

    /** Lets the submitted runs finish and ends the threads. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
