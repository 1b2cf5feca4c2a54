package org.synapticgeometry.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.testing.PythonPeer;

/**
 * NPY/NPZ files written by numpy itself, in every variant the score stage accepts (format versions
 * 1.0, 2.0, 3.0; float32/float64; little/big-endian; C/Fortran order; 0-D to 3-D; savez and
 * savez_compressed), read back bitwise: each value must equal numpy's own float32 of the array in C
 * order, which numpy writes beside it as raw little-endian bytes.
 */
@Tag("python")
class NumpyFilesTest {
    private static final String WRITER = """
            import sys, numpy as np
            from numpy.lib import format as fmt
            out = sys.argv[1]
            rng = np.random.default_rng(7)
            shapes = {'scalar': (), 'vec': (13,), 'mat': (5, 7), 'cube': (3, 4, 5)}
            names = []
            for version in [(1, 0), (2, 0), (3, 0)]:
                for dt in ['<f4', '>f4', '<f8', '>f8']:
                    for order in 'CF':
                        for sname, shape in shapes.items():
                            a = (rng.standard_normal(shape) * 10.0 ** rng.integers(-30, 30, size=shape)).astype(dt)
                            a = np.asfortranarray(a) if order == 'F' else np.ascontiguousarray(a)
                            name = f"v{version[0]}_{dt[0] == '<' and 'le' or 'be'}{dt[2]}_{order}_{sname}"
                            with open(f"{out}/{name}.npy", 'wb') as f:
                                fmt.write_array(f, a, version=version)
                            np.ascontiguousarray(a).astype('<f4').tofile(f"{out}/{name}.raw")
                            names.append(name)
            layers = {'conv1.weight': rng.standard_normal((4, 3, 3, 3)).astype('<f4'),
                      'fc.weight': np.asfortranarray(rng.standard_normal((6, 5)).astype('>f8'))}
            np.savez(f"{out}/stored.npz", **layers)
            np.savez_compressed(f"{out}/deflated.npz", **layers)
            for k, v in layers.items():
                np.ascontiguousarray(v).astype('<f4').tofile(f"{out}/{k}.raw")
            print(' '.join(names))
            """;

    @TempDir
    Path dir;

    @Test
    void everyNumpyVariantReadsBackBitwise() throws IOException {
        String[] names = PythonPeer.run(WRITER, dir.toString()).trim().split(" ");
        assertThat(names).hasSize(3 * 4 * 2 * 4);
        for (String name : names) {
            NpyReader.NpyArray a = NpyReader.read(dir.resolve(name + ".npy"));
            assertBitwise(a.tensor().data(), dir.resolve(name + ".raw"), name);
            assertThat(a.kind()).isEqualTo(name.contains("f4") || name.contains("e4") ? "float32" : "float64");
        }
    }

    @Test
    void storedAndDeflatedArchivesReadBackBitwiseByName() throws IOException {
        PythonPeer.run(WRITER, dir.toString());
        for (String archive : new String[] {"stored.npz", "deflated.npz"}) {
            WeightSnapshot s = NpzReader.read(dir.resolve(archive));
            assertThat(s.names()).containsExactly("conv1.weight", "fc.weight");
            assertThat(s.layers().get("conv1.weight").shape()).containsExactly(4, 3, 3, 3);
            assertThat(s.layers().get("fc.weight").shape()).containsExactly(6, 5);
            assertThat(s.dtypes().get("fc.weight")).isEqualTo("float64");
            for (String layer : s.names()) {
                assertBitwise(s.layers().get(layer).data(), dir.resolve(layer + ".raw"), archive + ":" + layer);
            }
        }
    }

    @Test
    void numpyReadsWhatNpzWriterWrites() {
        float[] v = {1.5f, -0.0f, Float.MIN_VALUE, 3.4e38f, -7.25f, 1e-20f};
        NpzWriter.writeNpz(dir.resolve("ours.npz"), java.util.Map.of("layer.a", new FloatTensor(new int[] {2, 3}, v)));
        String text = PythonPeer.run("""
                import sys, numpy as np
                z = np.load(sys.argv[1])
                a = z['layer.a']
                print(a.dtype, a.shape, ' '.join(str(x) for x in a.view('<u4').ravel()))
                """, dir.resolve("ours.npz").toString()).trim();
        StringBuilder bits = new StringBuilder("float32 (2, 3)");
        for (float f : v) {
            bits.append(' ').append(Integer.toUnsignedString(Float.floatToRawIntBits(f)));
        }
        assertThat(text).isEqualTo(bits.toString());
    }

    private static void assertBitwise(float[] ours, Path raw, String what) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(ours.length).as(what).isEqualTo(b.remaining() / 4);
        for (int i = 0; i < ours.length; i++) {
            int expected = b.getInt();
            assertThat(Float.floatToRawIntBits(ours[i])).as("%s[%d]: ours %s, numpy %s", what, i, ours[i],
                    Float.intBitsToFloat(expected)).isEqualTo(expected);
        }
    }
}
