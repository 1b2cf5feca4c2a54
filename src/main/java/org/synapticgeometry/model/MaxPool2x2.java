package org.synapticgeometry.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * 2×2 max-pooling with stride 2, the zoo CNN's pooling. In training it is DJL's
 * {@code Pool.maxPool2dBlock(new Shape(2, 2))}: each window's maximum, and in backpropagation the whole
 * gradient to the window's first maximum (row by row). In inference on the CPU it takes the elementwise
 * maximum of the window's four strided views instead, in a third of the time: the same values (NaN
 * where it has NaN; a zero may lose its sign, which no later layer's output shows, tested on the
 * CNN's logits). libtorch's pooling kernel handles one window at a time (and also records where each maximum
 * was, for a gradient that inference never takes), and it took almost half the time of the accuracy
 * that a CNN's fine-tune measures on the test split (docs/benchmarks.md#fine-tuning-against-pytorch).
 * It saves and loads as DJL's block does (a parameter-free block of the same name); other devices and
 * odd sizes use libtorch's pooling.
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
        boolean strided = !training && Device.Type.CPU.equals(x.getDevice().getDeviceType()) && s.length == 4
                && s[2] % 2 == 0 && s[3] % 2 == 0;
        return new NDList(strided ? windowMaximum(x) : pooled(x));
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
