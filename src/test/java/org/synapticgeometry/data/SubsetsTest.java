package org.synapticgeometry.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SubsetsTest {

    @Test
    void sizeIsTheFloorOfDToTheK() {
        assertThat(Subsets.sizeFor(10_000, 0.5, 10_000)).isEqualTo(100);
        assertThat(Subsets.sizeFor(12_704, 0.5, 10_000)).isEqualTo(112); // sqrt = 112.71
        assertThat(Subsets.sizeFor(1_000_000, 0.5, 10_000)).isEqualTo(1000);
        assertThat(Subsets.sizeFor(1_861_632, 0.5, 10_000)).isEqualTo(1364); // sqrt = 1364.42
        assertThat(Subsets.sizeFor(1000, 0.75, 10_000)).isEqualTo(177); // 1000^0.75 = 177.83
        assertThat(Subsets.sizeFor(4096, 0.75, 10_000)).isEqualTo(512); // exact power
    }

    @Test
    void sizeLargerThanTheTestSplitIsRejected() {
        assertThatThrownBy(() -> Subsets.sizeFor(1_861_632, 0.75, 10_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("N = floor(D^k) = floor(1861632^0.75) = 50398 is larger than the 10000 images of the"
                        + " test split; lower --subset-exponent or use --subset-size");
    }

    @Test
    void splitIsSeededDisjointAndComplete() {
        LabeledImages data = tiny(50);
        Subsets.Split a = Subsets.split(data, 10, 42);
        Subsets.Split b = Subsets.split(data, 10, 42);
        Subsets.Split c = Subsets.split(data, 10, 43);
        assertThat(a.subset().labels()).containsExactly(b.subset().labels());
        assertThat(a.subset().labels()).isNotEqualTo(c.subset().labels());
        int[] all = IntStream.concat(Arrays.stream(a.subset().labels()), Arrays.stream(a.rest().labels())).sorted()
                .toArray();
        assertThat(all).containsExactly(IntStream.range(0, 50).toArray());
    }

    @Test
    void subsetOfMoreThanTheSplitIsRejected() {
        assertThatThrownBy(() -> Subsets.split(tiny(5), 6, 1))
                .hasMessage("N must be in [1, 5] (the size of the test split), found 6");
    }

    /** {@code n} 1×1 images whose label is their index (so labels identify images). */
    static LabeledImages tiny(int n) {
        byte[] p = new byte[n];
        int[] l = IntStream.range(0, n).toArray();
        List<String> names = IntStream.range(0, n).mapToObj(Integer::toString).toList();
        return new LabeledImages(1, 1, 1, p, l, names);
    }
}
