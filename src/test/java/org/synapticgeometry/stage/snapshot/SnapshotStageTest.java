package org.synapticgeometry.stage.snapshot;

import org.synapticgeometry.testing.Fixtures;

import org.synapticgeometry.testing.Cli;
import org.synapticgeometry.testing.NpzFiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.cli.Sgeo;
import org.synapticgeometry.model.Checkpoint;
import org.synapticgeometry.model.Network;
import org.synapticgeometry.model.Zoo;
import org.synapticgeometry.snapshot.FloatTensor;
import org.synapticgeometry.testing.PythonPeer;

class SnapshotStageTest {
    @TempDir
    Path tmp;

    /** A fresh zoo network saved as a checkpoint; returns its scored weights. */
    private Map<String, FloatTensor> checkpoint(String arch, Path dir) {
        try (Network net = Network.fresh(Zoo.get(arch), 5)) {
            Checkpoint.save(net, net.info(), dir);
            return net.scoredWeights(false);
        }
    }

    @Test
    void snapshotRoundTripsTheScoredWeightsByLayerName() throws IOException {
        Map<String, FloatTensor> expected = checkpoint("cnn", tmp.resolve("ckpt"));
        Path npz = tmp.resolve("snap/weights.npz");
        Cli r = Cli.run("snapshot", "--checkpoint", tmp.resolve("ckpt").toString(), "--out", npz.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, float[]> read = NpzFiles.read(npz);
        assertThat(read.keySet()).containsExactly("conv1", "conv2", "fc1", "fc2");
        expected.forEach((name, t) -> assertThat(read.get(name)).as(name).containsExactly(t.data()));
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("snap/weights.json").toFile());
        assertThat(json.get("scored_weights").asLong()).isEqualTo(215_184);
        assertThat(json.get("layers").get(0).get("shape").toString()).isEqualTo("[16,1,5,5]");
        assertThat(json.get("options").get("exclude_classifier").asBoolean()).isFalse();
    }

    /**
     * A zoo checkpoint's snapshot reads model.params in plain Java: a fresh JVM with class loading logged
     * writes the same weights and loads no DJL engine class (libtorch costs about 0.6 s of CPU to load);
     * a TorchScript file, the control, does load it.
     */
    @Test
    void zooCheckpointSnapshotLoadsNoLibtorch() throws Exception {
        Map<String, FloatTensor> expected = checkpoint("mlp-16", tmp.resolve("ckpt"));
        assertThat(engineClasses("zoo", tmp.resolve("ckpt"))).isEmpty();
        Map<String, float[]> read = NpzFiles.read(tmp.resolve("zoo.npz"));
        expected.forEach((name, t) -> assertThat(read.get(name)).as(name).containsExactly(t.data()));
        assertThat(engineClasses("torchscript", Fixtures.tinyCnn())).isNotEmpty();
    }

    /** The DJL engine classes a fresh JVM running {@code sgeo snapshot} of {@code checkpoint} loads. */
    private List<String> engineClasses(String name, Path checkpoint) throws IOException, InterruptedException {
        Path log = tmp.resolve(name + ".classes");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), Sgeo.class.getName(), "snapshot", "--checkpoint",
                checkpoint.toString(), "--out", tmp.resolve(name + ".npz").toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".out").toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("sgeo snapshot did not finish in 5 minutes");
        }
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve(name + ".out"))).isZero();
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(" ai.djl.engine.Engine ") || l.contains(" ai.djl.pytorch.")).toList();
    }

    @Test
    void excludeClassifierDropsTheLastLinearLayerAndSaysSo() throws IOException {
        checkpoint("mlp-16", tmp.resolve("ckpt"));
        Path npz = tmp.resolve("w.npz");
        Cli r = Cli.run("snapshot", "--checkpoint", tmp.resolve("ckpt").toString(), "--out", npz.toString(),
                "--exclude-classifier");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(NpzFiles.read(npz).keySet()).containsExactly("fc1");
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("w.json").toFile());
        assertThat(json.get("excluded_layers").toString()).isEqualTo("[\"fc2\"]");
        assertThat(json.get("options").get("exclude_classifier").asBoolean()).isTrue();
        assertThat(json.get("scored_weights").asLong()).isEqualTo(784 * 16);
    }

    @Test
    void rnnSnapshotHoldsOnlyTheRecurrentMatrix() throws IOException {
        checkpoint("rnn-100", tmp.resolve("rnn"));
        Path npz = tmp.resolve("rnn.npz");
        assertThat(Cli.run("snapshot", "--checkpoint", tmp.resolve("rnn").toString(), "--out", npz.toString())
                .code()).isZero();
        Map<String, float[]> read = NpzFiles.read(npz);
        assertThat(read.keySet()).containsExactly("rnn.l_0_h2h");
        assertThat(read.get("rnn.l_0_h2h")).hasSize(100 * 100);
    }

    @Test
    void torchScriptFileSnapshotsDirectly() throws IOException {
        Path npz = tmp.resolve("ts.npz");
        Cli r = Cli.run("snapshot", "--checkpoint", Fixtures.tinyCnn().toString(), "--out", npz.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(NpzFiles.read(npz).keySet()).containsExactly("conv1", "fc");
    }

    @Test
    void outputMustBeAnNpzFile() {
        checkpoint("mlp-16", tmp.resolve("ckpt"));
        Cli r = Cli.run("snapshot", "--checkpoint", tmp.resolve("ckpt").toString(), "--out",
                tmp.resolve("w.txt").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.lastErrorLine()).isEqualTo("sgeo snapshot: --out must name a .npz file (e.g. weights.npz), found "
                + tmp.resolve("w.txt"));
    }

    @Test
    void missingCheckpointIsAUsageError() {
        Path none = tmp.resolve("none");
        Cli r = Cli.run("snapshot", "--checkpoint", none.toString(), "--out", tmp.resolve("w.npz").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.lastErrorLine()).isEqualTo("sgeo snapshot: checkpoint " + none
                + " does not exist; pass a folder written by sgeo pretrain-load or finetune-per-map, or a TorchScript .pt file");
        assertThat(tmp.resolve("w.npz")).doesNotExist();
    }

    @Test
    @Tag("python")
    void numpyLoadsIdenticalValues() throws IOException {
        Map<String, FloatTensor> expected = checkpoint("resnet-small", tmp.resolve("ckpt"));
        Path npz = tmp.resolve("weights.npz");
        assertThat(Cli.run("snapshot", "--checkpoint", tmp.resolve("ckpt").toString(), "--out", npz.toString())
                .code()).isZero();
        // numpy prints, per array: name, shape, dtype and the SHA-256 of its little-endian float32 bytes
        String out = PythonPeer.run("""
                import sys, hashlib, numpy as np
                z = np.load(sys.argv[1])
                for k in z.files:
                    a = z[k]
                    h = hashlib.sha256(np.ascontiguousarray(a, dtype='<f4').tobytes()).hexdigest()
                    print(k, 'x'.join(map(str, a.shape)), a.dtype, h)
                """, npz.toString());
        StringBuilder want = new StringBuilder();
        expected.forEach((name, t) -> {
            String shape = Arrays.stream(t.shape()).mapToObj(Integer::toString)
                    .collect(Collectors.joining("x"));
            want.append(name).append(' ').append(shape).append(" float32 ").append(sha256(t.data())).append('\n');
        });
        assertThat(out).isEqualTo(want.toString());
    }

    /** SHA-256 of the values as little-endian float32 bytes. */
    private static String sha256(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
