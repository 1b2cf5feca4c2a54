package org.synapticgeometry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads float32 NPZ files back in tests (an independent reader of the NPY 1.0 layout). */
public final class NpzFiles {
    private NpzFiles() {
    }

    /** Array name → values, in file order; checks each header declares little-endian float32. */
    public static Map<String, float[]> read(Path npz) throws IOException {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    byte[] b = in.readAllBytes();
                    int headerLen = (b[8] & 0xff) | (b[9] & 0xff) << 8;
                    String header = new String(b, 10, headerLen, StandardCharsets.US_ASCII);
                    if (!header.contains("'descr': '<f4'")) {
                        throw new IOException("not float32: " + header);
                    }
                    ByteBuffer data = ByteBuffer.wrap(b, 10 + headerLen, b.length - 10 - headerLen)
                            .order(ByteOrder.LITTLE_ENDIAN);
                    float[] v = new float[data.remaining() / 4];
                    data.asFloatBuffer().get(v);
                    out.put(e.getName().substring(0, e.getName().length() - 4), v);
                }
            }
        }
        return out;
    }
}
