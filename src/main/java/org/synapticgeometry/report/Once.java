package org.synapticgeometry.report;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A value computed once, by the first thread that asks for it; a thread that asks meanwhile waits for
 * it. What the computation throws is thrown to every thread that asks.
 */
final class Once<T> {
    private final FutureTask<T> task;

    Once(Callable<T> computation) {
        this.task = new FutureTask<>(computation);
    }

    /** The value: computed here unless another thread has computed it or is computing it. */
    T get() {
        task.run();
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a part of the report", e);
        }
    }
}
