package org.synapticgeometry.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A value of the report computed once, whichever thread asks first; what it throws reaches every asker. */
class OnceTest {

    @Test
    void aThreadAskingWhileAnotherComputesWaitsForTheSameValue() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Once<String> once = new Once<>(() -> {
            runs.incrementAndGet();
            started.countDown();
            release.await();
            return "value " + runs.get();
        });
        String[] seen = new String[1];
        Thread first = new Thread(() -> seen[0] = once.get());
        first.start();
        started.await();
        Thread second = new Thread(() -> assertThat(once.get()).isEqualTo("value 1"));
        second.start();
        release.countDown();
        first.join(10_000);
        second.join(10_000);
        assertThat(seen[0]).isEqualTo("value 1");
        assertThat(once.get()).isEqualTo("value 1");
        assertThat(runs).hasValue(1);
    }

    @Test
    void whatTheComputationThrowsIsThrownToEveryAsker() {
        AtomicInteger runs = new AtomicInteger();
        Once<String> once = new Once<>(() -> {
            runs.incrementAndGet();
            throw new IllegalArgumentException("bad figure input");
        });
        assertThatThrownBy(once::get).isInstanceOf(IllegalArgumentException.class).hasMessage("bad figure input");
        assertThatThrownBy(once::get).isInstanceOf(IllegalArgumentException.class).hasMessage("bad figure input");
        assertThat(runs).hasValue(1);
    }
}
