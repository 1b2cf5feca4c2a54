package org.synapticgeometry.stage.finetune;

import java.util.LinkedHashMap;
import java.util.Map;
import org.synapticgeometry.snapshot.FloatTensor;

/**
 * How far fine-tuning moved each scored layer: ‖w_T − w₀‖ / ‖w₀‖ (Euclidean norms over the layer,
 * summed in double precision). The theory identifies the geometry in the lazy regime, where this is
 * small; a value near or above 1 means the weights were largely rewritten.
 */
final class RelativeChange {
    private RelativeChange() {
    }

    /**
     * The relative change of every layer of {@code before}, in its order.
     *
     * @throws IllegalStateException when a layer is missing from {@code after} or changed size
     */
    static Map<String, Double> byLayer(Map<String, FloatTensor> before, Map<String, FloatTensor> after) {
        Map<String, Double> out = new LinkedHashMap<>();
        before.forEach((name, w0) -> {
            FloatTensor wt = after.get(name);
            if (wt == null || wt.size() != w0.size()) {
                throw new IllegalStateException("layer " + name + " is missing or changed size after fine-tuning");
            }
            out.put(name, of(w0.data(), wt.data()));
        });
        return out;
    }

    /** ‖after − before‖ / ‖before‖; NaN when before is all zeros. */
    static double of(float[] before, float[] after) {
        double change = 0;
        double norm = 0;
        for (int i = 0; i < before.length; i++) {
            double d = (double) after[i] - before[i];
            change += d * d;
            norm += (double) before[i] * before[i];
        }
        return norm > 0 ? Math.sqrt(change / norm) : Double.NaN;
    }
}
