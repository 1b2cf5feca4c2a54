package org.synapticgeometry.report;

import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import org.synapticgeometry.concurrent.Results;

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
        return Results.of(task, "a part of the report");
    }
}
