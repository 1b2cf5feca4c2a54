package org.synapticgeometry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.snapshot.FloatTensor;
import org.synapticgeometry.tracking.Provenance;

/**
 * The plain-Java reader of DJL's parameter files gives the scored weights that libtorch loads from the
 * same checkpoint, value for value, for every zoo architecture (batch norm's parameters and running
 * statistics, biases and the RNN's input matrices are read past, not scored), and a damaged file is
 * refused by name.
 */
class ParameterFileTest {
    @TempDir
    Path tmp;

    static Iterable<String> architectures() {
        return Zoo.names();
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void readsTheScoredWeightsLibtorchLoads(String arch) {
        Path dir = tmp.resolve(arch);
        try (Network net = Network.fresh(Zoo.get(arch), 11)) {
            Checkpoint.save(net, net.info(), dir);
        }
        for (boolean excludeClassifier : new boolean[] {false, true}) {
            Map<String, FloatTensor> viaLibtorch;
            try (Network loaded = Checkpoint.load(dir)) {
                viaLibtorch = loaded.scoredWeights(excludeClassifier);
            }
            Checkpoint.ScoredWeights read = Checkpoint.scoredWeights(dir, excludeClassifier);
            assertThat(read.weights().keySet()).containsExactlyElementsOf(viaLibtorch.keySet());
            assertThat(read.weights()).isEqualTo(viaLibtorch);
            assertThat(read.info()).usingRecursiveComparison().isEqualTo(Checkpoint.readInfo(dir.resolve(Checkpoint.INFO_FILE)));
        }
    }

    @Test
    void aTruncatedFileIsRefusedByName() throws IOException {
        Path dir = mlp16();
        byte[] bytes = Files.readAllBytes(dir.resolve("model.params"));
        assertThat(ParameterFile.read(bytes)).extracting(ParameterFile.Entry::name)
                .containsExactly("weight", "bias", "weight", "bias");
        for (int cut : new int[] {10, 100}) { // in the last bias's values, and just after its record began
            assertThatThrownBy(() -> ParameterFile.read(Arrays.copyOf(bytes, bytes.length - cut)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the parameter file ends inside parameter 3");
        }
    }

    @Test
    void aFileOfAnotherArchitectureUnderTheSameHashIsAMismatch() throws IOException {
        Path dir = mlp16();
        try (Network other = Network.fresh(Zoo.get("mlp-256"), 11)) {
            Files.write(dir.resolve("model.params"), Checkpoint.weightBytes(other));
        }
        ModelInfo info = Checkpoint.readInfo(dir.resolve(Checkpoint.INFO_FILE));
        Checkpoint.writeInfo(dir.resolve(Checkpoint.INFO_FILE), info.withParameters("model.params",
                Provenance.sha256(dir.resolve("model.params")), info.software()));
        assertThatThrownBy(() -> Checkpoint.scoredWeights(dir, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpoint " + dir + " does not match its model.json: its scored layers"
                        + " [fc1[256, 784], fc2[10, 256]] differ from model.json's [fc1[16, 784], fc2[10, 16]];"
                        + " re-create it with sgeo pretrain-load (or finetune-per-map)");
    }

    @Test
    void anUnknownArrayEncodingIsRefusedByName() throws IOException {
        byte[] bytes = Files.readAllBytes(mlp16().resolve("model.params"));
        int version = indexOf(bytes, new byte[] {0, 4, 'N', 'D', 'A', 'R'}) + 6;
        bytes[version + 3] = 2;
        assertThatThrownBy(() -> ParameterFile.read(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter weight is an array of encoding version 2 (this reader knows 3)");
    }

    private Path mlp16() {
        Path dir = tmp.resolve("mlp-16");
        try (Network net = Network.fresh(Zoo.get("mlp-16"), 3)) {
            Checkpoint.save(net, net.info(), dir);
        }
        return dir;
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }
}
