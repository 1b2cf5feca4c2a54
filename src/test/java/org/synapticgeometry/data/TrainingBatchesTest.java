package org.synapticgeometry.data;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Batches gathered from the prepared native arrays hold exactly what converting the bytes per batch gives. */
class TrainingBatchesTest {

    @ParameterizedTest
    @EnumSource(InputView.class)
    void gatheredBatchesEqualBatchesMadeFromTheBytes(InputView view) {
        LabeledImages data = images(40, 3, 5, 4);
        int[] idx = {7, 0, 39, 7, 12, 3};
        try (NDManager m = NDManager.newBaseManager(); TrainingBatches prepared = TrainingBatches.of(m, data, view);
                TrainingBatches bytes = TrainingBatches.of(m, data, view, 0)) {
            assertThat(prepared.prepared()).isTrue();
            assertThat(bytes.prepared()).isFalse();
            try (NDManager batch = m.newSubManager()) {
                NDArray x = prepared.images(batch, idx);
                NDArray expected = data.batch(batch, idx, view);
                assertThat(x.getShape()).isEqualTo(expected.getShape()).isEqualTo(bytes.images(batch, idx).getShape());
                assertThat(x.toFloatArray()).isEqualTo(expected.toFloatArray());
                NDArray y = prepared.labels(batch, idx);
                assertThat(y.getDataType()).isEqualTo(DataType.INT32);
                assertThat(y.toIntArray()).containsExactly(data.labels()[7], data.labels()[0], data.labels()[39],
                        data.labels()[7], data.labels()[12], data.labels()[3]);
                assertThat(x.getManager()).isSameAs(batch);
            }
        }
    }

    private static LabeledImages images(int n, int channels, int rows, int cols) {
        Random r = new Random(1);
        byte[] pixels = new byte[n * channels * rows * cols];
        r.nextBytes(pixels);
        return new LabeledImages(channels, rows, cols, pixels, r.ints(n, 0, 3).toArray(), List.of("a", "b", "c"));
    }
}
