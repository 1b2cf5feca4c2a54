package org.synapticgeometry.stats;

/**
 * One scored layer: its name and its weights before and after learning, flattened in the same
 * order and of the same kind (float32 or float64). The arrays are not copied (they may hold 10⁸
 * values); callers must not modify them.
 */
public record WeightLayer(String name, Weights init, Weights fin) {
    /** @throws IllegalArgumentException if the two arrays differ in length or kind */
    public WeightLayer {
        if (init.size() != fin.size()) {
            throw new IllegalArgumentException("layer '" + name + "': initial and final weights differ in size, "
                    + init.size() + " vs " + fin.size());
        }
        if (init.getClass() != fin.getClass()) {
            throw new IllegalArgumentException("layer '" + name + "': initial weights are " + init.dtype()
                    + " but final ones " + fin.dtype() + "; widen both to the same kind");
        }
    }

    /** A float32 layer. */
    public WeightLayer(String name, float[] init, float[] fin) {
        this(name, Weights.of(init), Weights.of(fin));
    }

    /** A float64 layer. */
    public WeightLayer(String name, double[] init, double[] fin) {
        this(name, Weights.of(init), Weights.of(fin));
    }

    /** Number of weights. */
    public int size() {
        return init.size();
    }

    /** Whether any weight's final value differs from its initial one bit for bit. */
    public boolean anyChanged() {
        for (int i = 0; i < size(); i++) {
            if (init.differs(fin, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The weights whose final value differs from the initial one bit for bit (never-updated
     * weights, e.g. of input pixels that are zero in every training image or of dead units, are
     * left out); this layer itself when all changed.
     */
    public WeightLayer changedOnly() {
        int n = size();
        int[] changed = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (init.differs(fin, i)) {
                changed[count++] = i;
            }
        }
        return count == n ? this : new WeightLayer(name, init.select(changed, count), fin.select(changed, count));
    }
}
