package org.synapticgeometry.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test data for the data and stage tests: hand-made IDX files and the real dataset's availability. */
public final class FashionMnistTestData {
    private FashionMnistTestData() {
    }

    /** Skips the test unless Fashion-MNIST is installed; under CI=true it is required (ci/test.sh installs it). */
    public static void requireFashionMnist() {
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(Files.isDirectory(FashionMnist.SYSTEM_DIR) || System.getenv(FashionMnist.ENV) != null,
                    "Fashion-MNIST not installed: apt-get install -y dataset-fashion-mnist");
        }
    }

    /** A hand-made IDX file: magic, sizes, then {@code data}. */
    public static byte[] idx(int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return b.toByteArray();
    }

    /** Writes {@code n} raw 28×28 images (image i has one bright pixel at i) with labels 0..n-1. */
    public static void writeTinySplit(Path dir, String prefix, int n) throws IOException {
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) i;
            pixels[i * 784 + i] = (byte) 200;
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), idx(IdxFile.IMAGES_MAGIC, new int[] {n, 28, 28}, pixels));
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), idx(IdxFile.LABELS_MAGIC, new int[] {n}, labels));
    }
}
