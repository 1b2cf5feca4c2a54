package org.synapticgeometry.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of (Fashion-)MNIST, gzip-compressed or raw (detected from the first two
 * bytes). An IDX file is a big-endian header {@code 0x00 0x00 type ndim} followed by one 32-bit
 * size per dimension and then the unsigned bytes; only the unsigned-byte type (0x08) occurs here.
 */
public final class IdxFile {
    /** Magic of an image file: unsigned bytes, three dimensions (count, rows, columns). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic of a label file: unsigned bytes, one dimension (count). */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxFile() {
    }

    /**
     * Reads an image file: returns {count, rows, cols} in {@code dims} and the pixels row-major.
     *
     * @throws IllegalArgumentException naming the file for a wrong magic number, impossible sizes or
     *     a file that ends before {@code count·rows·cols} pixels
     */
    public static Images readImages(Path file) {
        try (DataInputStream in = open(file)) {
            requireMagic(file, in.readInt(), IMAGES_MAGIC);
            int count = requireSize(file, in.readInt(), "image count");
            int rows = requireSize(file, in.readInt(), "rows");
            int cols = requireSize(file, in.readInt(), "columns");
            byte[] pixels = readFully(file, in, (long) count * rows * cols);
            return new Images(count, rows, cols, pixels);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read IDX file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a label file.
     *
     * @throws IllegalArgumentException naming the file for a wrong magic number or a truncated file
     */
    public static byte[] readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            requireMagic(file, in.readInt(), LABELS_MAGIC);
            int count = requireSize(file, in.readInt(), "label count");
            return readFully(file, in, count);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read IDX file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Images of one IDX file: {@code count} images of {@code rows × cols} unsigned bytes. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw);
    }

    private static void requireMagic(Path file, int magic, int expected) {
        if (magic != expected) {
            throw new IllegalArgumentException(String.format(
                    "IDX file %s has magic number 0x%08x, expected 0x%08x; the file is corrupt or not an IDX %s"
                            + " file: replace it (e.g. reinstall dataset-fashion-mnist)",
                    file, magic, expected, expected == IMAGES_MAGIC ? "image" : "label"));
        }
    }

    private static int requireSize(Path file, int value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException("IDX file " + file + ": " + what + " must be > 0, found " + value
                    + "; the file is corrupt: replace it");
        }
        return value;
    }

    private static byte[] readFully(Path file, DataInputStream in, long n) throws IOException {
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("IDX file " + file + " declares " + n
                    + " bytes, more than this reader supports; the header is corrupt");
        }
        byte[] data = new byte[(int) n];
        try {
            in.readFully(data);
        } catch (EOFException e) {
            throw new IllegalArgumentException("IDX file " + file + " is truncated: its header declares " + n
                    + " data bytes but the file ends early; replace it (e.g. reinstall dataset-fashion-mnist)");
        }
        return data;
    }
}
