package org.synapticgeometry.snapshot;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one array in numpy's NPY format, versions 1.0, 2.0 and 3.0: float32 or float64, little- or
 * big-endian, C or Fortran order, any number of dimensions. Values come back as float32 in C order;
 * float64 arrays also keep their float64 values, which scoring uses (a float32 copy rounds changes
 * below float32 resolution away).
 * Every malformed input fails with an {@link IllegalArgumentException} naming the source and the fix.
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");
    private static final String FIX = "; save it with numpy.save (float32 or float64)";

    /**
     * An array as read: values in C order, shape, and the dtype as numpy named it ({@code <f4}, {@code >f8}, ...).
     *
     * @param tensor the values as float32
     * @param dtype numpy's dtype string
     * @param float64 the values as stored, for a float64 array (C order); null for float32
     */
    public record NpyArray(FloatTensor tensor, String dtype, double[] float64) {
        /** The dtype without byte order: {@code float32} or {@code float64}. */
        public String kind() {
            return dtype.endsWith("4") ? "float32" : "float64";
        }
    }

    private NpyReader() {
    }

    /**
     * Reads an NPY file.
     *
     * @throws IllegalArgumentException if the file is missing, truncated or not a float NPY array
     */
    public static NpyArray read(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("snapshot file " + file + " does not exist; check the path");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads one NPY array from a stream; {@code source} names it in errors (a file, or file:entry).
     *
     * @throws IllegalArgumentException if the stream is truncated or not a float NPY array
     */
    public static NpyArray read(InputStream in, String source) throws IOException {
        Header h = header(in, source);
        float[] data = new float[h.size];
        double[] wide = h.descr.endsWith("8") ? new double[h.size] : null;
        readValues(in, h, data, wide, source);
        if (h.fortran && h.shape.length > 1) {
            data = fortranToC(data, new float[data.length], h.shape);
            wide = wide == null ? null : fortranToC(wide, new double[wide.length], h.shape);
        }
        return new NpyArray(new FloatTensor(h.shape, data), h.descr, wide);
    }

    private record Header(String descr, boolean fortran, int[] shape, int size) {
    }

    private static Header header(InputStream in, String source) throws IOException {
        byte[] start = readFully(in, 8, source, "the NPY preamble");
        if (!Arrays.equals(Arrays.copyOf(start, 6), MAGIC)) {
            throw new IllegalArgumentException(source + " is not an NPY file (no \\x93NUMPY magic)" + FIX);
        }
        int major = start[6];
        if (major < 1 || major > 3) {
            throw new IllegalArgumentException(source + ": NPY format version " + major + "." + start[7]
                    + " is not supported (supported: 1.0, 2.0, 3.0)" + FIX);
        }
        int lenBytes = major == 1 ? 2 : 4;
        ByteBuffer lb = ByteBuffer.wrap(readFully(in, lenBytes, source, "the header length"))
                .order(ByteOrder.LITTLE_ENDIAN);
        long len = major == 1 ? (lb.getShort() & 0xffff) : (lb.getInt() & 0xffffffffL);
        if (len > 1 << 20) {
            throw new IllegalArgumentException(source + ": NPY header length " + len + " is implausible"
                    + " (the file is corrupt)" + FIX);
        }
        String text = new String(readFully(in, (int) len, source, "the header"),
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return parse(text, source);
    }

    private static Header parse(String text, String source) {
        Matcher d = DESCR.matcher(text);
        Matcher f = FORTRAN.matcher(text);
        Matcher s = SHAPE.matcher(text);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IllegalArgumentException(source + ": NPY header lacks descr, fortran_order or shape: "
                    + text.trim() + FIX);
        }
        String descr = d.group(1);
        if (!descr.matches("[<>=|]f[48]")) {
            throw new IllegalArgumentException(source + ": dtype " + descr + " is not supported; convert the array"
                    + " with .astype(numpy.float32) (float32 and float64 are read)");
        }
        if (descr.startsWith("=") || descr.startsWith("|")) {
            descr = (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "<" : ">") + descr.substring(1);
        }
        int[] shape = parseShape(s.group(1), source);
        long size = 1;
        for (int dim : shape) {
            size *= dim;
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(source + ": array of shape " + Arrays.toString(shape)
                        + " is larger than 2^31 - 9 values; split it into layers");
            }
        }
        return new Header(descr, f.group(1).equals("True"), shape, (int) size);
    }

    private static int[] parseShape(String dims, String source) {
        String[] parts = dims.split(",");
        int count = 0;
        int[] shape = new int[parts.length];
        for (String p : parts) {
            if (p.isBlank()) {
                continue;
            }
            try {
                shape[count] = Integer.parseInt(p.trim().replace("L", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + ": NPY shape (" + dims + ") is not a tuple of integers" + FIX);
            }
            if (shape[count] < 0) {
                throw new IllegalArgumentException(source + ": NPY shape (" + dims + ") has a negative size" + FIX);
            }
            count++;
        }
        return Arrays.copyOf(shape, count);
    }

    private static void readValues(InputStream in, Header h, float[] data, double[] wide, String source)
            throws IOException {
        boolean doubles = wide != null;
        int width = doubles ? 8 : 4;
        ByteOrder order = h.descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] chunk = new byte[width * 8192];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(order);
        int i = 0;
        while (i < data.length) {
            int count = Math.min(8192, data.length - i);
            int got = in.readNBytes(chunk, 0, count * width);
            if (got < count * width) {
                throw truncated(source, h, (long) i * width + got);
            }
            buf.clear();
            for (int k = 0; k < count; k++, i++) {
                if (doubles) {
                    wide[i] = buf.getDouble();
                    data[i] = (float) wide[i];
                } else {
                    data[i] = buf.getFloat();
                }
            }
        }
    }

    private static IllegalArgumentException truncated(String source, Header h, long got) {
        long want = (long) h.size * (h.descr.endsWith("8") ? 8 : 4);
        return new IllegalArgumentException(source + " is truncated: shape " + Arrays.toString(h.shape) + " of "
                + h.descr + " needs " + want + " data bytes, found " + got + "; re-save the snapshot");
    }

    private static byte[] readFully(InputStream in, int n, String source, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new IllegalArgumentException(source + " is truncated inside " + what + " (" + b.length + " of "
                    + n + " bytes); re-save the snapshot");
        }
        return b;
    }

    /** Reorders the column-major values of array {@code f} into row-major array {@code c} (same kind) and returns it. */
    private static <A> A fortranToC(A f, A c, int[] shape) {
        int dims = shape.length;
        int[] cStride = new int[dims];
        cStride[dims - 1] = 1;
        for (int d = dims - 2; d >= 0; d--) {
            cStride[d] = cStride[d + 1] * shape[d + 1];
        }
        int n = Array.getLength(f);
        int[] index = new int[dims];
        int offset = 0;
        for (int k = 0; k < n; k++) {
            System.arraycopy(f, k, c, offset, 1);
            for (int d = 0; d < dims; d++) {
                offset += cStride[d];
                if (++index[d] < shape[d]) {
                    break;
                }
                offset -= cStride[d] * shape[d];
                index[d] = 0;
            }
        }
        return c;
    }
}
