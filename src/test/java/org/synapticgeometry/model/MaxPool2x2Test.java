package org.synapticgeometry.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The zoo CNN's pooling against DJL's {@code Pool.maxPool2dBlock}, bit for bit. */
class MaxPool2x2Test {
    private static final Shape WINDOW = new Shape(2, 2);

    /**
     * Activations with the cases that decide a window's maximum: ties of positive values (a constant
     * background after a convolution), all-zero windows (after ReLU), negative zeros, negative values,
     * infinities and NaN.
     */
    private static NDArray activations(NDManager m, long channels, long side) {
        Random r = new Random(7);
        float[] v = new float[(int) (4 * channels * side * side)];
        float[] special = {0f, -0f, 0.25f, 0.25f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NaN, -3f};
        for (int i = 0; i < v.length; i++) {
            int kind = r.nextInt(10);
            v[i] = kind < 6 ? (float) r.nextGaussian() : special[r.nextInt(special.length)];
        }
        return m.create(v, new Shape(4, channels, side, side));
    }

    private static NDArray inference(Block pool, NDManager m, NDArray x) {
        return pool.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
    }

    /** The same values as libtorch's pooling: equal floats, NaN where it has NaN (a zero may differ in sign). */
    @Test
    void inferenceGivesLibtorchsPoolingValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (long side : new long[] {28, 14, 6, 2}) {
                NDArray x = activations(m, 3, side);
                float[] expected = Pool.maxPool2d(x, WINDOW, WINDOW, new Shape(0, 0), false).toFloatArray();
                float[] got = inference(new MaxPool2x2(), m, x).toFloatArray();
                assertThat(got).hasSameSizeAs(expected);
                for (int i = 0; i < expected.length; i++) {
                    boolean same = Float.isNaN(expected[i]) ? Float.isNaN(got[i]) : got[i] == expected[i];
                    assertThat(same).as("side %d, output %d: %s against %s", side, i, got[i], expected[i]).isTrue();
                }
            }
        }
    }

    /** In the zoo CNN, inference and a training-mode pass give the same logits, bit for bit. */
    @Test
    void theCnnGivesTheSameLogitsAsWithLibtorchsPooling() {
        Architecture cnn = Zoo.get("cnn");
        try (Network net = Network.fresh(cnn, 3); NDManager m = NDManager.newBaseManager()) {
            NDArray images = images(m);
            ParameterStore store = new ParameterStore(m, false);
            NDArray inference = net.block().forward(store, new NDList(images), false).singletonOrThrow();
            NDArray training = net.block().forward(store, new NDList(images), true).singletonOrThrow();
            assertThat(bits(inference)).containsExactly(bits(training));
        }
    }

    /** Digit-like images: a zero background (ties of positive values after the first convolution) around random strokes. */
    private static NDArray images(NDManager m) {
        Random r = new Random(11);
        float[] v = new float[64 * 28 * 28];
        for (int i = 0; i < v.length; i++) {
            int row = i / 28 % 28;
            int col = i % 28;
            boolean inside = row > 5 && row < 22 && col > 7 && col < 20;
            v[i] = inside && r.nextInt(3) > 0 ? r.nextFloat() : 0f;
        }
        return m.create(v, new Shape(64, 1, 28, 28));
    }

    @Test
    void oddSizesUseLibtorchsPooling() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray odd = activations(m, 2, 7);
            NDArray expected = Pool.maxPool2d(odd, WINDOW, WINDOW, new Shape(0, 0), false);
            assertThat(expected.getShape()).isEqualTo(new Shape(4, 2, 3, 3));
            assertThat(bits(inference(new MaxPool2x2(), m, odd))).containsExactly(bits(expected));
            assertThat(bits(trained(new MaxPool2x2(), odd).output())).containsExactly(bits(expected));
        }
    }

    /**
     * In training, the same outputs and the same input gradient as libtorch's pooling, bit for bit,
     * through ties, zeros of both signs, infinities, NaN and floats whose difference overflows; the
     * gradient ({@code 1 + 0.5 · output}, so that windows differ) reaches only each window's first maximum.
     */
    @Test
    void trainingGivesLibtorchsValuesAndGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (long side : new long[] {28, 14, 8, 2}) {
                NDArray x = activations(m, 3, side);
                Pass ours = trained(new MaxPool2x2(), x);
                Pass libtorch = trained(Pool.maxPool2dBlock(WINDOW), x);
                assertThat(bits(ours.output())).as("side %d outputs", side).containsExactly(bits(libtorch.output()));
                assertThat(bits(ours.gradient())).as("side %d gradient", side)
                        .containsExactly(bits(libtorch.gradient()));
            }
            float big = 3e38f;
            NDArray extremes = m.create(new float[] {
                -big, big, big, -big, -0f, 0f, 0f, -0f,
                -0f, -0f, 0f, 0f, 1f, 1f, 1f, 1f,
                Float.NaN, 1f, Float.NaN, 2f, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, -1f, Float.NEGATIVE_INFINITY,
                3f, Float.NaN, 5f, 6f, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY,
                Float.NEGATIVE_INFINITY}, new Shape(1, 1, 4, 8));
            Pass ours = trained(new MaxPool2x2(), extremes);
            Pass libtorch = trained(Pool.maxPool2dBlock(WINDOW), extremes);
            assertThat(bits(ours.gradient())).containsExactly(bits(libtorch.gradient()));
            assertThat(bits(ours.output())).containsExactly(bits(libtorch.output()));
        }
    }

    /** The training-mode output of {@code pool} on a copy of x and the gradient reaching x. */
    private static Pass trained(Block pool, NDArray x) {
        NDArray input = x.duplicate();
        input.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray out = pool.forward(new ParameterStore(x.getManager(), false), new NDList(input), true)
                    .singletonOrThrow();
            NDArray finite = out.duplicate();
            finite.set(finite.isNaN().logicalOr(finite.isInfinite()), 0f);
            collector.backward(out.mul(finite.mul(0.25f).add(1f)).sum());
            return new Pass(out, input.getGradient().duplicate());
        }
    }

    private record Pass(NDArray output, NDArray gradient) {
    }

    /** A checkpoint of a CNN written with DJL's pooling block loads with this one: the same bytes. */
    @Test
    void savesTheBytesOfDjlsBlock() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            byte[] djl = saved(m, Pool.maxPool2dBlock(WINDOW));
            byte[] ours = saved(m, new MaxPool2x2());
            assertThat(ours).isEqualTo(djl);
        }
    }

    private static byte[] saved(NDManager m, Block pool) throws IOException {
        Block b = new SequentialBlock().add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(2).build())
                .add(pool);
        b.initialize(m, DataType.FLOAT32, new Shape(1, 1, 6, 6));
        b.getParameters().forEach(p -> p.getValue().getArray().muli(0).addi(1));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            b.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    /** The bits of every float (signs of zeros included), with one NaN for all (their payload carries no value). */
    private static int[] bits(NDArray a) {
        float[] f = a.toFloatArray();
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = Float.floatToIntBits(f[i]);
        }
        return b;
    }
}
