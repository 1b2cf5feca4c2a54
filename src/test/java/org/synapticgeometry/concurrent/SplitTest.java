package org.synapticgeometry.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitTest {

    private static List<int[]> ranges(int n, int parts, int unit) {
        List<int[]> seen = Collections.synchronizedList(new ArrayList<>());
        Split.run(n, parts, unit, (from, to) -> seen.add(new int[] {from, to}));
        List<int[]> sorted = new ArrayList<>(seen);
        sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
        return sorted;
    }

    /** The ranges tile [0, n) once, start at multiples of the unit, and the last takes the rest. */
    @Test
    void rangesTileTheWholeSpanAtUnitStarts() {
        List<int[]> r = ranges(1000, 3, 64);
        assertThat(r).hasSize(3);
        assertThat(r.get(0)).containsExactly(0, 320);
        assertThat(r.get(1)).containsExactly(320, 640);
        assertThat(r.get(2)).containsExactly(640, 1000);
    }

    @Test
    void oneRangeOnThisThreadForOnePartOrTooLittleWork() {
        Thread caller = Thread.currentThread();
        List<Thread> threads = new ArrayList<>();
        Split.run(10, 1, 1, (from, to) -> threads.add(Thread.currentThread()));
        assertThat(threads).containsExactly(caller);
        assertThat(ranges(100, 4, 64)).hasSize(1).first().satisfies(a -> assertThat(a).containsExactly(0, 100));
        assertThat(ranges(0, 2, 1)).hasSize(1).first().satisfies(a -> assertThat(a).containsExactly(0, 0));
    }
}
