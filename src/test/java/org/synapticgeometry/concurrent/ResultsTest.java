package org.synapticgeometry.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;

class ResultsTest {

    private static <T> FutureTask<T> ran(Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        task.run();
        return task;
    }

    @Test
    void returnsTheResult() {
        assertThat(Results.of(ran(() -> 42), "the answer")).isEqualTo(42);
    }

    @Test
    void rethrowsWhatTheWorkThrewAsItWas() {
        IllegalArgumentException bad = new IllegalArgumentException("--out is a file");
        assertThatThrownBy(() -> Results.of(ran(() -> {
            throw bad;
        }), "a run")).isSameAs(bad);
        OutOfMemoryError oom = new OutOfMemoryError("heap");
        assertThatThrownBy(() -> Results.of(ran(() -> {
            throw oom;
        }), "a run")).isSameAs(oom);
        assertThatThrownBy(() -> Results.of(ran(() -> {
            throw new IOException("disk full");
        }), "a run")).isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(IOException.class)
                .hasMessageContaining("disk full");
    }

    @Test
    void anInterruptedWaitSaysWhatItWaitedForAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Results.of(new CompletableFuture<Integer>(), "a part of the report"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("interrupted while waiting for a part of the report");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
