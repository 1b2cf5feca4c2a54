package org.synapticgeometry.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Zero-copy byte views of float32 CPU tensors for a {@link FusedStep}. DJL's
 * {@code toByteBuffer(true)} views a contiguous CPU tensor's storage but silently views a fresh
 * contiguous copy of any other tensor, where writes would be lost. So each weight tensor is probed
 * once: a bit written through one view must show in a second view. Tensors that fail the probe
 * (or live on a GPU, or are not float32) take the libtorch path.
 */
final class DirectViews {
    private final Map<String, NDArray> aliasingWeights = new ConcurrentHashMap<>();

    /** Whether the fused step may update {@code weight} from {@code gradient} through views. */
    boolean usable(String parameterId, NDArray weight, NDArray gradient) {
        if (!sameCpuFloats(weight, gradient)) {
            return false;
        }
        if (aliasingWeights.get(parameterId) == weight) {
            return true;
        }
        if (!aliases(weight)) {
            return false;
        }
        aliasingWeights.put(parameterId, weight);
        return true;
    }

    /** Whether both are float32 CPU tensors of one non-zero size. */
    static boolean sameCpuFloats(NDArray a, NDArray b) {
        return isCpuFloat(a) && isCpuFloat(b) && a.size() != 0 && a.size() == b.size();
    }

    /** Whether both are float32 CPU tensors of one non-zero size whose views write through to them. */
    static boolean writable(NDArray a, NDArray b) {
        return sameCpuFloats(a, b) && aliases(a) && aliases(b);
    }

    /** The view of a tensor that {@link #usable} accepted, or of a contiguous tensor of ours. */
    static ByteBuffer of(NDArray array) {
        return array.toByteBuffer(true);
    }

    private static boolean isCpuFloat(NDArray array) {
        return array.getDataType() == DataType.FLOAT32 && Device.cpu().equals(array.getDevice());
    }

    private static boolean aliases(NDArray array) {
        ByteBuffer first = array.toByteBuffer(true);
        ByteBuffer second = array.toByteBuffer(true);
        if (!first.isDirect() || !second.isDirect()) {
            return false;
        }
        int original = first.getInt(0);
        first.putInt(0, original ^ 1);
        boolean shared = second.getInt(0) == (original ^ 1);
        first.putInt(0, original);
        return shared;
    }
}
