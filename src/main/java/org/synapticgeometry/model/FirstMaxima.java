package org.synapticgeometry.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import org.synapticgeometry.concurrent.Split;

/**
 * Where the maximum of each 2×2 window (stride 2) of float32 planes is, as libtorch's CPU max-pooling
 * records it for its gradient: the first maximum in row-major order within the window, or the last NaN
 * when the window holds NaN. One pass over the planes' memory, one index per window (its position in
 * its plane, as int64, in native byte order). Gathering the input at these indices gives the pooled
 * values, and the gather's gradient puts each window's whole gradient at its maximum, exactly as the
 * pooling's own backward pass does.
 *
 * <p>Windows of four finite floats, nearly all of them, are decided without a branch: b &gt; a is the
 * sign bit of (a − b) + 0, which is exact for finite floats (their difference is zero only when they
 * are equal, and the + 0 turns the −0 of (−0) − (+0) into +0), so data-dependent ties and orderings
 * cost no mispredicted branches. Windows with an infinity or a NaN take libtorch's comparison loop.
 */
final class FirstMaxima {
    /** Planes per task when the planes are split over threads: enough work to outweigh the hand-off. */
    private static final int MIN_PLANES_PER_TASK = 256;

    private FirstMaxima() {
    }

    /**
     * Writes the window indices of {@code planes} planes of {@code height × width} floats (both even),
     * stored one after the other in {@code x}, to {@code indices}: {@code planes · height/2 · width/2}
     * longs. Up to {@code threads} threads share the planes; the result does not depend on how many.
     */
    static void write(ByteBuffer x, ByteBuffer indices, int planes, int height, int width, int threads) {
        FloatBuffer in = x.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer();
        LongBuffer out = indices.duplicate().order(ByteOrder.nativeOrder()).asLongBuffer();
        int tasks = Math.max(1, Math.min(threads, planes / MIN_PLANES_PER_TASK));
        Split.run(planes, tasks, 1, (from, to) -> scan(in, out, from, to, height, width));
    }

    /**
     * Writes the indices of the windows of planes [from, to), a plane at a time through arrays (bulk
     * copies, so that the loop over a plane runs without per-float bounds checks on the buffers).
     */
    private static void scan(FloatBuffer x, LongBuffer indices, int from, int to, int height, int width) {
        float[] plane = new float[height * width];
        long[] found = new long[plane.length / 4];
        for (int p = from; p < to; p++) {
            x.get(p * plane.length, plane);
            for (int top = 0, window = 0; top < plane.length; top += 2 * width) {
                for (int column = 0; column < width; column += 2, window++) {
                    int corner = top + column;
                    found[window] = corner + offset(plane, corner, width);
                }
            }
            indices.put(p * found.length, found);
        }
    }

    /** 0, 1, width or width + 1: where in the window whose top-left float is at {@code first} its maximum is. */
    private static int offset(float[] plane, int first, int width) {
        float a = plane[first];
        float b = plane[first + 1];
        float c = plane[first + width];
        float d = plane[first + width + 1];
        float sum = a + b + c + d;
        if (sum - sum != 0f) {
            return libtorchScan(a, b, c, d, width);
        }
        int at = greater(b, a);
        float top = Math.max(a, b);
        at += greater(c, top) * (width - at);
        at += greater(d, Math.max(top, c)) * (width + 1 - at);
        return at;
    }

    /** 1 when y &gt; x, else 0, for finite floats, without a branch. */
    private static int greater(float y, float x) {
        return Float.floatToRawIntBits(x - y + 0f) >>> 31;
    }

    /** libtorch's loop: a later float replaces the maximum when it is greater or NaN. */
    private static int libtorchScan(float a, float b, float c, float d, int width) {
        float max = a > Float.NEGATIVE_INFINITY || Float.isNaN(a) ? a : Float.NEGATIVE_INFINITY;
        int at = 0;
        if (b > max || Float.isNaN(b)) {
            max = b;
            at = 1;
        }
        if (c > max || Float.isNaN(c)) {
            max = c;
            at = width;
        }
        if (d > max || Float.isNaN(d)) {
            at = width + 1;
        }
        return at;
    }
}
