package org.synapticgeometry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ZooTest {

    /** Hand counts of the scored weights (conv kernels and linear matrices; the recurrent matrix for RNNs). */
    static List<Object[]> handCounts() {
        return List.of(
                new Object[] {"mlp-16", 784L * 16 + 16 * 10},
                new Object[] {"mlp-256", 784L * 256 + 256 * 10},
                new Object[] {"mlp-1024x2", 784L * 1024 + 1024L * 1024 + 1024 * 10},
                new Object[] {"cnn", 25L * 16 + 16 * 32 * 25 + 32 * 7 * 7 * 128 + 128 * 10},
                new Object[] {"resnet-small", 9L * 16 + 2 * 16 * 16 * 9 + (16 * 32 * 9 + 32 * 32 * 9 + 16 * 32)
                        + (32 * 64 * 9 + 64 * 64 * 9 + 32 * 64) + 64 * 10},
                new Object[] {"rnn-100", 100L * 100},
                new Object[] {"rnn-1000", 1000L * 1000});
    }

    @ParameterizedTest
    @MethodSource("handCounts")
    void scoredWeightCountMatchesHandCount(String name, long expected) {
        Architecture arch = Zoo.get(name);
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = arch.newBlock();
            b.initialize(m, DataType.FLOAT32, arch.view().batchShape(1, 1, 28, 28));
            List<NamedParameter> params = Layers.of(b, arch.recurrentOnly());
            assertThat(Layers.scoredCount(params)).isEqualTo(expected);
        }
    }

    @Test
    void layerNamesAreStableAndReadable() {
        Map<String, List<String>> expected = Map.of(
                "mlp-1024x2", List.of("fc1", "fc2", "fc3"),
                "cnn", List.of("conv1", "conv2", "fc1", "fc2"),
                "resnet-small", List.of("conv1", "block1.main.conv1", "block1.main.conv2", "block2.main.conv1",
                        "block2.main.conv2", "block2.shortcut.conv", "block3.main.conv1", "block3.main.conv2",
                        "block3.shortcut.conv", "fc"),
                "rnn-100", List.of("rnn.l_0_h2h"));
        try (NDManager m = NDManager.newBaseManager()) {
            expected.forEach((name, layers) -> {
                Architecture arch = Zoo.get(name);
                Block b = arch.newBlock();
                b.initialize(m, DataType.FLOAT32, arch.view().batchShape(1, 1, 28, 28));
                assertThat(Layers.scored(b, arch.recurrentOnly())).extracting(NamedParameter::name)
                        .as(name).containsExactlyElementsOf(layers);
            });
        }
    }

    /**
     * The paper's code builds its RNN with PyTorch's defaults: every weight and bias uniform in
     * ±1/√H. Uniform(−a, a) has standard deviation a/√3; the sample sd of n uniforms scatters by
     * about 0.45/√n relative (1.4% at n = 1000), hence ±3% for the matrices and ±50% for the biases
     * (n = 10 or 100). No value is zero, so negative entropy can move every one of them. DJL's
     * defaults fail both: Xavier weights reach 0.58 and the biases are zero.
     */
    @Test
    void rnnStartsAsPyTorchDoesUniformWithinOneOverRootHidden() {
        Architecture arch = Zoo.get("rnn-100");
        double bound = 0.1;
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = arch.newBlock();
            b.initialize(m, DataType.FLOAT32, arch.view().batchShape(1, 1, 28, 28));
            assertThat(b.getParameters().keys()).hasSize(6);
            for (Pair<String, Parameter> p : b.getParameters()) {
                float[] v = p.getValue().getArray().toFloatArray();
                double sum = 0;
                double squares = 0;
                for (float x : v) {
                    assertThat(Math.abs(x)).as(p.getKey()).isLessThanOrEqualTo((float) bound).isGreaterThan(0f);
                    sum += x;
                    squares += x * (double) x;
                }
                double sd = Math.sqrt((squares - sum * sum / v.length) / (v.length - 1));
                double tolerance = v.length >= 1000 ? 0.03 : 0.5;
                assertThat(sd).as(p.getKey() + " sd").isCloseTo(bound / Math.sqrt(3), within(tolerance * bound / Math.sqrt(3)));
            }
        }
    }

    @Test
    void unknownArchitectureListsTheValidOnes() {
        assertThatThrownBy(() -> Zoo.get("vgg"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--arch 'vgg' is not in the zoo; valid architectures: mlp-16, mlp-256, mlp-1024x2, cnn,"
                        + " resnet-small, rnn-100, rnn-1000");
    }
}
