package org.synapticgeometry.snapshot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights of a network at one moment: an ordered map layer name → tensor, the dtype each layer
 * was stored in ({@code float32}/{@code float64}), and where it was read from.
 *
 * @param source the file (or file:entry) read, named in every error
 * @param layers layer name → weights, in file order
 * @param dtypes layer name → stored dtype
 * @param float64 layer name → the values as stored, for the layers stored as float64 (C order, as in
 *     {@code layers}); the float32 tensors in {@code layers} are their rounded copies
 */
public record WeightSnapshot(String source, Map<String, FloatTensor> layers, Map<String, String> dtypes,
        Map<String, double[]> float64) {
    /** Copies the maps, keeping their order. */
    public WeightSnapshot {
        layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
        dtypes = Collections.unmodifiableMap(new LinkedHashMap<>(dtypes));
        float64 = Collections.unmodifiableMap(new LinkedHashMap<>(float64));
    }

    /** A snapshot of float32 layers. */
    public WeightSnapshot(String source, Map<String, FloatTensor> layers, Map<String, String> dtypes) {
        this(source, layers, dtypes, Map.of());
    }

    /** The float64 values of layer {@code name}, or (for a float32 layer) its float32 values widened. */
    public double[] wide(String name) {
        double[] stored = float64.get(name);
        if (stored != null) {
            return stored;
        }
        float[] f = layers.get(name).data();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** Layer names in order. */
    public List<String> names() {
        return List.copyOf(layers.keySet());
    }

    /** Total number of weights. */
    public long size() {
        return layers.values().stream().mapToLong(FloatTensor::size).sum();
    }
}
