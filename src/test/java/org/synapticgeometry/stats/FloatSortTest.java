package org.synapticgeometry.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FloatSortTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, FloatSort.SMALL, FloatSort.SMALL + 1, 2000, 4097, 100_000, 1_000_003})
    void sortsExactlyLikeArraysSortIncludingSignedZerosNaNAndInfinities(int n) {
        SplittableRandom r = new SplittableRandom(n);
        float[] specials = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
            -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE};
        float[] a = new float[n + 10];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextInt(20) == 0 ? specials[r.nextInt(specials.length)]
                    : (float) (SyntheticChange.gaussian(r) * Math.pow(10, r.nextInt(-20, 20)));
        }
        float[] expected = a.clone();
        Arrays.sort(expected, 5, 5 + n);
        FloatSort.sort(a, 5, 5 + n);
        for (int i = 0; i < a.length; i++) {
            assertThat(Float.floatToRawIntBits(a[i])).as("index %d: ours %s, Arrays.sort %s", i, a[i], expected[i])
                    .isEqualTo(Float.floatToRawIntBits(expected[i]));
        }
    }
}
