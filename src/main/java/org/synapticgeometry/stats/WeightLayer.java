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
}
