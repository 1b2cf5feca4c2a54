package org.synapticgeometry.snapshot;

import java.util.Arrays;

/**
 * A named-free float32 array with a shape (C order), the unit stored in NPY/NPZ snapshots.
 * The data array is not copied, for speed on tens of millions of weights: callers must not
 * modify an array after handing it over.
 */
public record FloatTensor(int[] shape, float[] data) {

    /** Checks that the shape is non-negative and matches the number of values. */
    public FloatTensor {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape must be non-negative, found " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " values, found " + data.length);
        }
        shape = shape.clone();
    }

    /** A one-dimensional tensor over {@code data}. */
    public static FloatTensor vector(float[] data) {
        return new FloatTensor(new int[] {data.length}, data);
    }

    /** The shape (a copy). */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of values. */
    public int size() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
