package org.synapticgeometry.stage.pretrain;

import org.synapticgeometry.testing.Fixtures;

import org.synapticgeometry.testing.Cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.data.FashionMnistTestData;
import org.synapticgeometry.model.Checkpoint;
import org.synapticgeometry.model.ModelInfo;
import org.synapticgeometry.model.Network;
import org.synapticgeometry.model.Zoo;

class PretrainLoadStageTest {
    @TempDir
    Path tmp;

    @Test
    void smallestMlpReachesEightyPercentTestAccuracyInOneEpoch() {
        FashionMnistTestData.requireFashionMnist();
        Path out = tmp.resolve("pre");
        Cli r = Cli.run("pretrain-load", "--arch", "mlp-16", "--epochs", "1", "--lr", "0.05", "--seed", "1",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        ModelInfo info = Checkpoint.readInfo(out.resolve("model.json"));
        assertThat(info.testAccuracy()).isGreaterThanOrEqualTo(0.80);
        assertThat(info.scoredWeights()).isEqualTo(12_704);
        assertThat(info.inputs()).hasSize(4);
        assertThat(info.potential()).isEqualTo("sgd-momentum");
        assertThat(r.err()).contains("pretrain-load mlp-16: 100% [elapsed").contains("epoch 1/1 loss");
    }

    @Test
    void sameSeedGivesByteIdenticalWeightsAndAnotherSeedDoesNot() throws IOException {
        FashionMnistTestData.requireFashionMnist();
        String[] common = {"pretrain-load", "--arch", "mlp-16", "--epochs", "1", "--train-limit", "1000"};
        for (String run : new String[] {"a", "b", "c"}) {
            String seed = run.equals("c") ? "8" : "7";
            Path out = tmp.resolve(run);
            assertThat(Cli.run(concat(common, "--seed", seed, "--out", out.toString())).code()).isZero();
            assertThat(Cli.run("snapshot", "--checkpoint", out.toString(), "--out",
                    out.resolve("weights.npz").toString()).code()).isZero();
        }
        byte[] a = Files.readAllBytes(tmp.resolve("a/weights.npz"));
        assertThat(Files.readAllBytes(tmp.resolve("b/weights.npz"))).isEqualTo(a);
        assertThat(Files.readAllBytes(tmp.resolve("c/weights.npz"))).isNotEqualTo(a);
    }

    @Test
    void importsTorchScriptAndItsCheckpointLoadsBack() {
        Path out = tmp.resolve("ts");
        Cli r = Cli.run("pretrain-load", "--torchscript", Fixtures.tinyCnn().toString(), "--out",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        ModelInfo info = Checkpoint.readInfo(out.resolve("model.json"));
        assertThat(info.source()).isEqualTo("torchscript");
        assertThat(info.parameterFile()).isEqualTo("model.pt");
        try (Network net = Checkpoint.load(out)) {
            assertThat(net.info().scoredLayers()).extracting(ModelInfo.LayerInfo::name).containsExactly("conv1", "fc");
        }
    }

    @Test
    void unknownArchitectureListsTheValidOnes() {
        Cli r = Cli.run("pretrain-load", "--arch", "vgg16", "--out", tmp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.lastErrorLine()).isEqualTo("sgeo pretrain-load: --arch 'vgg16' is not in the zoo; valid"
                + " architectures: mlp-16, mlp-256, mlp-1024x2, cnn, resnet-small, rnn-100, rnn-1000");
    }

    @Test
    void invalidPotentialIsAUsageErrorAndWritesNothing() {
        Path out = tmp.resolve("bad-potential");
        Cli r = Cli.run("pretrain-load", "--arch", "mlp-16", "--potential", "1-norm", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.lastErrorLine()).startsWith("sgeo pretrain-load: invalid potential '1-norm': p-norm potential"
                + " needs a finite p > 1").contains("valid forms");
        assertThat(out).doesNotExist();
    }

    @Test
    void missingDatasetSaysHowToInstallAndWritesNothing() {
        Path out = tmp.resolve("out");
        Cli r = Cli.run("pretrain-load", "--arch", "mlp-16", "--data-dir", tmp.resolve("nowhere").toString(),
                "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.lastErrorLine()).startsWith("sgeo pretrain-load: Fashion-MNIST not found in " + tmp.resolve("nowhere"))
                .contains("apt-get install -y dataset-fashion-mnist");
        assertThat(out.resolve("model.json")).doesNotExist();
    }

    @Test
    void truncatedIdxFileIsAUsageError() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("fm"));
        FashionMnistTestData.writeTinySplit(dir, "train", 3);
        FashionMnistTestData.writeTinySplit(dir, "t10k", 2);
        byte[] full = Files.readAllBytes(dir.resolve("train-images-idx3-ubyte"));
        Files.write(dir.resolve("train-images-idx3-ubyte"), Arrays.copyOf(full, full.length - 100));
        Cli r = Cli.run("pretrain-load", "--arch", "mlp-16", "--data-dir", dir.toString(), "--out",
                tmp.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.lastErrorLine()).isEqualTo("sgeo pretrain-load: IDX file " + dir.resolve("train-images-idx3-ubyte")
                + " is truncated: its header declares 2352 data bytes but the file ends early; replace it (e.g."
                + " reinstall dataset-fashion-mnist)");
    }

    @Test
    void torchScriptThatDoesNotLoadIsAUsageError() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.pt"), "garbage");
        Cli r = Cli.run("pretrain-load", "--torchscript", bad.toString(), "--out", tmp.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.lastErrorLine()).startsWith("sgeo pretrain-load: TorchScript file " + bad + " does not load (")
                .endsWith("export the model with torch.jit.script or torch.jit.trace and torch.jit.save");
    }

    @Test
    void checkpointThatDoesNotMatchItsModelJsonIsAUsageError() throws IOException {
        Path ckpt = tmp.resolve("ckpt");
        try (Network net = Network.fresh(Zoo.get("mlp-16"), 1)) {
            Checkpoint.save(net, net.info(), ckpt);
        }
        Files.writeString(ckpt.resolve("model.params"), "tampered");
        Cli r = Cli.run("pretrain-load", "--checkpoint", ckpt.toString(), "--out", tmp.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.lastErrorLine()).startsWith("sgeo pretrain-load: checkpoint " + ckpt
                + " does not match its model.json: model.params has SHA-256");
        assertThat(tmp.resolve("o/model.json")).doesNotExist();
    }

    @Test
    void unknownOrMissingDeviceIsAUsageError() {
        Cli tpu = Cli.run("pretrain-load", "--arch", "mlp-16", "--device", "tpu", "--out", tmp.toString());
        assertThat(tpu.code()).isEqualTo(2);
        assertThat(tpu.lastErrorLine()).isEqualTo("sgeo pretrain-load: --device must be auto, cpu or gpu, found tpu");
        if (Engine.getEngine("PyTorch").getGpuCount() == 0) {
            Cli gpu = Cli.run("pretrain-load", "--arch", "mlp-16", "--device", "gpu", "--out", tmp.toString());
            assertThat(gpu.code()).isEqualTo(2);
            assertThat(gpu.lastErrorLine()).startsWith("sgeo pretrain-load: --device gpu: libtorch sees no GPU");
        }
    }

    static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
