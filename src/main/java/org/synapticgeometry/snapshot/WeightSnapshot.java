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
 */
public record WeightSnapshot(String source, Map<String, FloatTensor> layers, Map<String, String> dtypes) {
    /** Copies the maps, keeping their order. */
    public WeightSnapshot {
        layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
        dtypes = Collections.unmodifiableMap(new LinkedHashMap<>(dtypes));
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
