package org.synapticgeometry.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * 2×2 max-pooling with stride 2, the zoo CNN's pooling: the same values and gradients as DJL's
 * {@code Pool.maxPool2dBlock(new Shape(2, 2))} (each window's maximum; in backpropagation the whole
 * gradient to the window's first maximum, row by row), computed faster on the CPU. libtorch's
 * kernel for this layout handles one window at a time with a branch per comparison; it took a
 * quarter of a CNN fine-tune's CPU (docs/benchmarks.md#fine-tuning-against-the-papers-pytorch-protocol).
 * <ul>
 *   <li>In training, {@link FirstMaxima} finds each window's maximum in one branch-free pass over the
 *       input's memory, and the output is the input gathered there: the same bits forward, and the
 *       gather's gradient is the pooling's, bit for bit.
 *   <li>In inference, the elementwise maximum of the window's four strided views: the same values (NaN
 *       where it has NaN; a zero may lose its sign, which no later layer's output shows, tested on the
 *       CNN's logits).
 * </ul>
 * It saves and loads as DJL's block does (a parameter-free block of the same name); other devices,
 * types and odd sizes use libtorch's pooling.
 */
final class MaxPool2x2 extends LambdaBlock {
    private static final Shape WINDOW = new Shape(2, 2);
    private static final Shape NO_PADDING = new Shape(0, 0);
    private static final NDIndex[] CORNERS = {new NDIndex(":, :, 0::2, 0::2"), new NDIndex(":, :, 0::2, 1::2"),
        new NDIndex(":, :, 1::2, 0::2"), new NDIndex(":, :, 1::2, 1::2")};

    MaxPool2x2() {
        super(in -> new NDList(pooled(in.singletonOrThrow())), "maxPool2d");
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long[] s = x.getShape().getShape();
        boolean ours = Device.Type.CPU.equals(x.getDevice().getDeviceType()) && x.getDataType() == DataType.FLOAT32
                && s.length == 4 && s[2] % 2 == 0 && s[3] % 2 == 0 && x.size() > 0
                && x.size() <= Integer.MAX_VALUE / Float.BYTES;
        if (!ours) {
            return new NDList(pooled(x));
        }
        return new NDList(training ? gatheredAtMaxima(x, s) : windowMaximum(x));
    }

    /** x gathered at {@link FirstMaxima}: libtorch's pooled values, and its gradient. */
    private static NDArray gatheredAtMaxima(NDArray x, long[] s) {
        int planes = Math.toIntExact(s[0] * s[1]);
        int height = Math.toIntExact(s[2]);
        int width = Math.toIntExact(s[3]);
        NDArray at = x.getManager().create(new Shape(s[0], s[1], s[2] / 2 * (s[3] / 2)), DataType.INT64);
        FirstMaxima.write(x.toByteBuffer(true), at.toByteBuffer(true), planes, height, width, JniUtils.getNumThreads());
        return x.reshape(s[0], s[1], s[2] * s[3]).gather(at, 2).reshape(s[0], s[1], s[2] / 2, s[3] / 2);
    }

    /** libtorch's pooling. */
    private static NDArray pooled(NDArray x) {
        return Pool.maxPool2d(x, WINDOW, WINDOW, NO_PADDING, false);
    }

    /** max(top-left, top-right, bottom-left, bottom-right) of every window. */
    private static NDArray windowMaximum(NDArray x) {
        NDArray top = x.get(CORNERS[0]).maximum(x.get(CORNERS[1]));
        return top.maximum(x.get(CORNERS[2]).maximum(x.get(CORNERS[3])));
    }
}
