package org.synapticgeometry.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.synapticgeometry.files.AtomicFiles;

/**
 * Writes float32 arrays as NPY (format 1.0, little-endian, C order) and NPZ (an uncompressed zip
 * of NPY entries, as {@code numpy.savez} writes it), atomically. {@code numpy.load} reads both.
 */
public final class NpzWriter {
    /**
     * A fixed modification time for every zip entry (1980-01-01, the DOS epoch, in UTC), so that
     * the same arrays always give the same bytes (a seeded run must reproduce its snapshot bytewise).
     */
    private static final long ENTRY_TIME = 315_532_800_000L;
    private NpzWriter() {
    }

    /** Writes the arrays, in map order, to an NPZ file named {@code <name>.npy} inside. */
    public static void writeNpz(Path file, Map<String, FloatTensor> arrays) {
        AtomicFiles.write(file, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, FloatTensor> e : arrays.entrySet()) {
                    byte[] npy = npyBytes(e.getValue());
                    ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                    entry.setMethod(ZipEntry.STORED);
                    entry.setTime(ENTRY_TIME);
                    entry.setSize(npy.length);
                    entry.setCompressedSize(npy.length);
                    CRC32 crc = new CRC32();
                    crc.update(npy);
                    entry.setCrc(crc.getValue());
                    zip.putNextEntry(entry);
                    zip.write(npy);
                    zip.closeEntry();
                }
            }
        });
    }

    /** Writes one array as an NPY file. */
    public static void writeNpy(Path file, FloatTensor tensor) {
        AtomicFiles.write(file, out -> writeNpy(out, tensor));
    }

    private static byte[] npyBytes(FloatTensor tensor) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(tensor.size() * 4 + 128);
        writeNpy(bytes, tensor);
        return bytes.toByteArray();
    }

    private static void writeNpy(OutputStream out, FloatTensor tensor) throws IOException {
        out.write(header(tensor.shape()));
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : tensor.data()) {
            if (!buf.hasRemaining()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putFloat(v);
        }
        out.write(buf.array(), 0, buf.position());
    }

    /** The NPY 1.0 header: magic, version, length, then a dict padded so the data starts at a multiple of 64. */
    static byte[] header(int[] shape) {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)"
                : "(" + (shape.length == 0 ? "" : dims.substring(0, dims.length() - 2)) + ")";
        StringBuilder dict = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': ")
                .append(shapeText).append(", }");
        int total = 10 + dict.length() + 1;
        dict.append(" ".repeat((64 - total % 64) % 64)).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) text.length).put(text);
        return b.array();
    }
}
