package org.synapticgeometry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.snapshot.FloatTensor;

class CheckpointTest {
    @TempDir
    Path tmp;

    /** The committed TorchScript fixture (see make_tiny_cnn.py beside it). */
    static Path fixture() {
        try {
            return Path.of(CheckpointTest.class.getResource("tiny-cnn.pt").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void torchScriptFixtureImportsWithPyTorchNamesAndScoresConvAndLinearOnly() {
        try (Network net = Checkpoint.load(fixture())) {
            assertThat(net.parameters()).extracting(NamedParameter::name)
                    .containsExactly("conv1", "conv1.bias", "bn1", "bn1.bias", "fc", "fc.bias");
            assertThat(net.info().scoredLayers()).extracting(ModelInfo.LayerInfo::name).containsExactly("conv1", "fc");
            assertThat(net.info().scoredWeights()).isEqualTo(4 * 3 * 3 + 4 * 13 * 13 * 10);
            assertThat(net.info().classifier()).isEqualTo("fc");
            assertThat(net.parameters()).allMatch(p -> p.parameter().requiresGradient());
        }
    }

    @Test
    void zooCheckpointRoundTripsItsWeights() {
        Path dir = tmp.resolve("ckpt");
        Map<String, FloatTensor> before;
        try (Network net = Network.fresh(Zoo.get("mlp-16"), 7)) {
            before = net.scoredWeights(false);
            Checkpoint.save(net, net.info(), dir);
        }
        try (Network loaded = Checkpoint.load(dir)) {
            assertThat(loaded.scoredWeights(false)).isEqualTo(before);
            assertThat(loaded.info().parameterFile()).isEqualTo("model.params");
            assertThat(loaded.info().software()).containsKeys("sgeo", "djl", "libtorch", "java");
        }
    }

    @Test
    void torchScriptCheckpointRoundTripsItsWeights() {
        Path dir = tmp.resolve("ts");
        Map<String, FloatTensor> before;
        try (Network net = Checkpoint.load(fixture())) {
            net.parameters().get(0).parameter().getArray().addi(1f);
            before = net.scoredWeights(false);
            Checkpoint.save(net, net.info(), dir);
        }
        try (Network loaded = Checkpoint.load(dir)) {
            assertThat(loaded.scoredWeights(false)).isEqualTo(before);
        }
    }

    @Test
    void sameSeedGivesSameInitialWeightsAndAnotherSeedDiffers() {
        try (Network a = Network.fresh(Zoo.get("cnn"), 3); Network b = Network.fresh(Zoo.get("cnn"), 3);
                Network c = Network.fresh(Zoo.get("cnn"), 4)) {
            assertThat(a.scoredWeights(false)).isEqualTo(b.scoredWeights(false));
            assertThat(a.scoredWeights(false)).isNotEqualTo(c.scoredWeights(false));
        }
    }

    @Test
    void rejectsWeightsThatDoNotMatchModelJson() throws IOException {
        Path dir = tmp.resolve("bad");
        try (Network net = Network.fresh(Zoo.get("mlp-16"), 1)) {
            Checkpoint.save(net, net.info(), dir);
        }
        try (Network other = Network.fresh(Zoo.get("mlp-256"), 1)) {
            Checkpoint.save(other, other.info(), tmp.resolve("other"));
        }
        Files.copy(tmp.resolve("other/model.params"), dir.resolve("model.params"),
                StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> Checkpoint.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("checkpoint " + dir + " does not match its model.json: model.params has SHA-256")
                .hasMessageEndingWith("re-create it with sgeo pretrain-load (or finetune-per-map)");
    }

    @Test
    void rejectsAFileThatIsNotTorchScript() throws IOException {
        Path junk = Files.writeString(tmp.resolve("junk.pt"), "not a zip archive");
        assertThatThrownBy(() -> Checkpoint.load(junk))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TorchScript file " + junk + " does not load (")
                .hasMessageEndingWith("export the model with torch.jit.script or torch.jit.trace and torch.jit.save");
    }
}
