package org.synapticgeometry.concurrent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** The result of work run on another thread, or what the work threw, unwrapped. */
public final class Results {
    private Results() {
    }

    /**
     * Waits for {@code work} and returns its result; an unchecked exception or error it threw is rethrown
     * as it was, a checked one wrapped in an {@link IllegalStateException}.
     *
     * @param what the work, for the message when this thread is interrupted ("a part of the report")
     * @throws IllegalStateException when this thread is interrupted while waiting (its flag is set again)
     */
    public static <T> T of(Future<T> work, String what) {
        try {
            return work.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
    }
}
