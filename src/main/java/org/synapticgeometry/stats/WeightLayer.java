package org.synapticgeometry.stats;

/**
 * One scored layer: its name and its weights before and after learning, flattened in the same
 * order. The arrays are not copied (they may hold 10⁸ values); callers must not modify them.
 */
public record WeightLayer(String name, float[] init, float[] fin) {
    /** @throws IllegalArgumentException if the two arrays differ in length */
    public WeightLayer {
        if (init.length != fin.length) {
            throw new IllegalArgumentException("layer '" + name + "': initial and final weights differ in size, "
                    + init.length + " vs " + fin.length);
        }
    }

    /** Number of weights. */
    public int size() {
        return init.length;
    }

    /**
     * The weights whose final value differs from the initial one bit for bit (never-updated
     * weights, e.g. of input pixels that are zero in every training image or of dead units, are
     * left out); this layer itself when all changed.
     */
    public WeightLayer changedOnly() {
        int changed = 0;
        for (int i = 0; i < init.length; i++) {
            changed += Float.floatToIntBits(init[i]) != Float.floatToIntBits(fin[i]) ? 1 : 0;
        }
        if (changed == init.length) {
            return this;
        }
        float[] a = new float[changed];
        float[] b = new float[changed];
        for (int i = 0, k = 0; i < init.length; i++) {
            if (Float.floatToIntBits(init[i]) != Float.floatToIntBits(fin[i])) {
                a[k] = init[i];
                b[k++] = fin[i];
            }
        }
        return new WeightLayer(name, a, b);
    }
}
