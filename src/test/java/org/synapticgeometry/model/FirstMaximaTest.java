package org.synapticgeometry.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The window maxima against libtorch's comparison loop written out plainly, on one thread and split over several. */
class FirstMaximaTest {

    /** libtorch's cpu_max_pool for one 2×2 window: start at −∞, take a float that is greater or NaN. */
    private static long reference(float[] v, int plane, int row, int column, int height, int width) {
        float max = Float.NEGATIVE_INFINITY;
        long at = (long) row * width + column;
        for (int r = row; r < row + 2; r++) {
            for (int c = column; c < column + 2; c++) {
                float value = v[plane * height * width + r * width + c];
                if (value > max || Float.isNaN(value)) {
                    max = value;
                    at = (long) r * width + c;
                }
            }
        }
        return at;
    }

    private static long[] indices(float[] v, int planes, int height, int width, int threads) {
        ByteBuffer x = ByteBuffer.allocateDirect(v.length * Float.BYTES).order(ByteOrder.nativeOrder());
        x.asFloatBuffer().put(v);
        ByteBuffer out = ByteBuffer.allocateDirect(v.length / 4 * Long.BYTES).order(ByteOrder.nativeOrder());
        FirstMaxima.write(x, out, planes, height, width, threads);
        long[] got = new long[v.length / 4];
        out.asLongBuffer().get(got);
        return got;
    }

    @Test
    void findsLibtorchsMaximaOnOneThreadAndOnSeveral() {
        int planes = 1100;
        int height = 6;
        int width = 4;
        Random r = new Random(3);
        float[] special = {0f, -0f, 1f, 1f, -1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 3e38f, -3e38f,
            Float.MIN_VALUE, -Float.MIN_VALUE};
        float[] v = new float[planes * height * width];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(3) == 0 ? special[r.nextInt(special.length)] : (float) r.nextGaussian();
        }
        long[] expected = new long[v.length / 4];
        int window = 0;
        for (int p = 0; p < planes; p++) {
            for (int row = 0; row < height; row += 2) {
                for (int column = 0; column < width; column += 2) {
                    expected[window++] = reference(v, p, row, column, height, width);
                }
            }
        }
        assertThat(indices(v, planes, height, width, 1)).containsExactly(expected);
        assertThat(indices(v, planes, height, width, 3)).containsExactly(expected);
    }
}
