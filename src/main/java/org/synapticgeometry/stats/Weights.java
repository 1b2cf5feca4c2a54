package org.synapticgeometry.stats;

/**
 * The flattened weights of one layer at one moment, as stored: float32, or float64 kept in float64 so
 * that changes below float32 resolution are scored, not rounded away. The arrays are not copied.
 */
public sealed interface Weights permits Weights.Float32, Weights.Float64 {

    /** Float32 weights. */
    static Weights of(float[] values) {
        return new Float32(values);
    }

    /** Float64 weights. */
    static Weights of(double[] values) {
        return new Float64(values);
    }

    /** Number of weights. */
    int size();

    /** Weight {@code i}. */
    double get(int i);

    /** Copies weights {@code [from, from + len)} into {@code out[0 .. len)}, widened to double. */
    void copyTo(int from, int len, double[] out);

    /**
     * Whether weight {@code i} differs from {@code other}'s bit for bit (other of the same kind; widening a
     * float to double keeps every bit pattern apart, −0 and NaNs included).
     */
    default boolean differs(Weights other, int i) {
        return Double.doubleToRawLongBits(get(i)) != Double.doubleToRawLongBits(other.get(i));
    }

    /** The weights at the given indices, in the same kind. */
    default Weights select(int[] indices, int count) {
        double[] v = new double[count];
        for (int k = 0; k < count; k++) {
            v[k] = get(indices[k]);
        }
        if (this instanceof Float64) {
            return of(v);
        }
        float[] f = new float[count];
        for (int k = 0; k < count; k++) {
            f[k] = (float) v[k];
        }
        return of(f);
    }

    /** {@code float32} or {@code float64}. */
    String dtype();

    /** Float32 weights. */
    record Float32(float[] values) implements Weights {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public double get(int i) {
            return values[i];
        }

        @Override
        public void copyTo(int from, int len, double[] out) {
            for (int i = 0; i < len; i++) {
                out[i] = values[from + i];
            }
        }

        @Override
        public String dtype() {
            return "float32";
        }
    }

    /** Float64 weights. */
    record Float64(double[] values) implements Weights {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public double get(int i) {
            return values[i];
        }

        @Override
        public void copyTo(int from, int len, double[] out) {
            System.arraycopy(values, from, out, 0, len);
        }

        @Override
        public String dtype() {
            return "float64";
        }
    }
}
