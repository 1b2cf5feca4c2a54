package org.synapticgeometry.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.RNN;
import ai.djl.training.initializer.UniformInitializer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synapticgeometry.data.InputView;

/**
 * The architecture zoo for 28×28 grey images and 10 classes, with stable names. Scored weights D
 * (conv and linear weights; the recurrent matrix only for the RNNs) span 1.3e4 to 1.9e6:
 * <pre>
 * mlp-16       784-16-10                          D =     12,704
 * mlp-256      784-256-10                         D =    203,264
 * mlp-1024x2   784-1024-1024-10                   D =  1,861,632
 * cnn          2 × (5×5 conv, max-pool), 128, 10   D =    215,184
 * resnet-small 3×3 stem + 3 basic blocks (16/32/64, batch norm), global pool, 10   D = 77,072
 * rnn-100      tanh RNN over 28 rows, readout of the last step   D = 100² = 10,000
 * rnn-1000     as rnn-100 with 1000 units                          D = 1000² = 1,000,000
 * </pre>
 * The RNNs start as PyTorch's {@code nn.RNN} and {@code nn.Linear} do in the paper's code: every
 * weight and bias uniform in ±1/√H (H = hidden units = the readout's fan-in), so the recurrent
 * matrix starts with spectral radius about 0.6 and no bias at zero (negative entropy never moves a
 * zero weight). DJL's defaults (Xavier weights, zero biases) would start rnn-100 at radius about
 * 1.5, the chaotic regime of a tanh RNN, with biases that negative entropy can never train.
 */
public final class Zoo {
    private static final int CLASSES = 10;
    private static final Map<String, Architecture> ARCHITECTURES = build();

    private Zoo() {
    }

    /** The stable names, in listing order. */
    public static List<String> names() {
        return List.copyOf(ARCHITECTURES.keySet());
    }

    /**
     * The architecture called {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Architecture get(String name) {
        Architecture a = ARCHITECTURES.get(name);
        if (a == null) {
            throw new IllegalArgumentException("--arch '" + name + "' is not in the zoo; valid architectures: "
                    + String.join(", ", names()));
        }
        return a;
    }

    private static Map<String, Architecture> build() {
        Map<String, Architecture> m = new LinkedHashMap<>();
        put(m, new Architecture("mlp-16", "MLP 784-16-10 (ReLU), the tiny CI network", InputView.FLAT, false,
                () -> mlp(16)));
        put(m, new Architecture("mlp-256", "MLP 784-256-10 (ReLU)", InputView.FLAT, false, () -> mlp(256)));
        put(m, new Architecture("mlp-1024x2", "MLP 784-1024-1024-10 (ReLU)", InputView.FLAT, false,
                () -> mlp(1024, 1024)));
        put(m, new Architecture("cnn", "CNN: 2 x (5x5 conv 16/32, ReLU, 2x2 max-pool), linear 128, linear 10",
                InputView.IMAGE, false, Zoo::cnn));
        put(m, new Architecture("resnet-small", "ResNet: 3x3 stem 16, basic blocks 16/32/64 with batch norm,"
                + " global average pool, linear 10", InputView.IMAGE, false, Zoo::resnetSmall));
        put(m, new Architecture("rnn-100", "tanh RNN with 100 units over 28 rows of 28 pixels, linear readout;"
                + " scored: the recurrent matrix", InputView.ROW_SEQUENCE, true, () -> rnn(100)));
        put(m, new Architecture("rnn-1000", "tanh RNN with 1000 units over 28 rows of 28 pixels, linear readout;"
                + " scored: the recurrent matrix", InputView.ROW_SEQUENCE, true, () -> rnn(1000)));
        return Collections.unmodifiableMap(m);
    }

    private static void put(Map<String, Architecture> m, Architecture a) {
        m.put(a.name(), a);
    }

    private static Block mlp(int... hidden) {
        NamedSequentialBlock b = new NamedSequentialBlock();
        for (int i = 0; i < hidden.length; i++) {
            b.add("fc" + (i + 1), Linear.builder().setUnits(hidden[i]).build());
            b.add("relu" + (i + 1), Activation.reluBlock());
        }
        return b.add("fc" + (hidden.length + 1), Linear.builder().setUnits(CLASSES).build());
    }

    private static Block cnn() {
        return new NamedSequentialBlock()
                .add("conv1", conv(16, 5, 1))
                .add("relu1", Activation.reluBlock())
                .add("pool1", new MaxPool2x2())
                .add("conv2", conv(32, 5, 1))
                .add("relu2", Activation.reluBlock())
                .add("pool2", new MaxPool2x2())
                .add("flatten", Blocks.batchFlattenBlock())
                .add("fc1", Linear.builder().setUnits(128).build())
                .add("relu3", Activation.reluBlock())
                .add("fc2", Linear.builder().setUnits(CLASSES).build());
    }

    private static Block resnetSmall() {
        return new NamedSequentialBlock()
                .add("conv1", conv(16, 3, 1))
                .add("bn1", BatchNorm.builder().build())
                .add("relu1", Activation.reluBlock())
                .add("block1", basicBlock(16, 1, false))
                .add("block2", basicBlock(32, 2, true))
                .add("block3", basicBlock(64, 2, true))
                .add("pool", Pool.globalAvgPool2dBlock())
                .add("fc", Linear.builder().setUnits(CLASSES).build());
    }

    private static Block basicBlock(int filters, int stride, boolean project) {
        Block main = new NamedSequentialBlock()
                .add("conv1", conv(filters, 3, stride))
                .add("bn1", BatchNorm.builder().build())
                .add("relu1", Activation.reluBlock())
                .add("conv2", conv(filters, 3, 1))
                .add("bn2", BatchNorm.builder().build());
        Block shortcut = project
                ? new NamedSequentialBlock()
                        .add("conv", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(filters)
                                .optStride(new Shape(stride, stride)).optBias(false).build())
                        .add("bn", BatchNorm.builder().build())
                : Blocks.identityBlock();
        return new ResidualBlock(main, shortcut);
    }

    private static Conv2d conv(int filters, int kernel, int stride) {
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(filters)
                .optPadding(new Shape(kernel / 2, kernel / 2)).optStride(new Shape(stride, stride)).build();
    }

    private static Block rnn(int hidden) {
        Block block = new NamedSequentialBlock()
                .add("rnn", RNN.builder().setStateSize(hidden).setNumLayers(1).optBatchFirst(true)
                        .optReturnState(false).setActivation(RNN.Activation.TANH).build())
                .add("last", new LambdaBlock(list -> new NDList(list.singletonOrThrow().get(":, -1, :"))))
                .add("fc", Linear.builder().setUnits(CLASSES).build());
        UniformInitializer pytorchDefault = new UniformInitializer((float) (1 / Math.sqrt(hidden)));
        block.setInitializer(pytorchDefault, Parameter.Type.WEIGHT);
        block.setInitializer(pytorchDefault, Parameter.Type.BIAS);
        return block;
    }
}
