package org.synapticgeometry.model;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DJL's parameter file ({@code model.params}, written by {@code Block.saveParameters}) read in plain
 * Java, without loading libtorch: the file is each block's version and metadata (input shapes)
 * followed by its parameters, then its children's, in the order {@link Layers#of} walks them. A
 * parameter is the record {@code 'P'}, a version byte, its name and its array ({@code "NDAR"},
 * encoding version 3, array name, sparse format, data type, shape, byte order, length, bytes). The
 * records are found in that order, the metadata between them skipped, which is how a snapshot of a
 * zoo checkpoint needs no native library (about a second of start-up and CPU).
 */
final class ParameterFile {
    private static final byte[] ARRAY_MAGIC = {0, 4, 'N', 'D', 'A', 'R'};
    private static final int PARAMETER_VERSION = 1;
    private static final int ARRAY_VERSION = 3;
    private static final int MAX_NAME = 256;

    /**
     * One parameter of the file.
     *
     * @param name DJL's local name ({@code weight}, {@code bias}, {@code l_0_h2h_WEIGHT}, ...)
     * @param shape its dimensions
     * @param dataType DJL's data type name ({@code FLOAT32})
     * @param values the values as float32 (null when the data type is not float32)
     */
    record Entry(String name, long[] shape, String dataType, float[] values) {
    }

    private ParameterFile() {
    }

    /**
     * Every parameter of {@code bytes}, in file order.
     *
     * @throws IllegalArgumentException when an array is truncated or of an encoding this reader does not know
     */
    static List<Entry> read(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        List<Entry> entries = new ArrayList<>();
        try {
            for (int at = nextRecord(bytes, 0); at >= 0; at = nextRecord(bytes, b.position())) {
                b.position(at + 3);
                String name = utf(b);
                b.position(b.position() + ARRAY_MAGIC.length);
                entries.add(array(b, name));
            }
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("the parameter file ends inside parameter " + entries.size());
        }
        return entries;
    }

    /**
     * The position of the next parameter record at or after {@code from}, or -1 when none follows.
     *
     * @throws IndexOutOfBoundsException when a record starts but the file ends before its array
     */
    private static int nextRecord(byte[] bytes, int from) {
        for (int i = from; i + 2 < bytes.length; i++) {
            if (bytes[i] == 0 && bytes[i + 1] == 'P' && bytes[i + 2] == PARAMETER_VERSION) {
                int length = ((bytes[i + 3] & 0xff) << 8) | (bytes[i + 4] & 0xff);
                int magic = i + 5 + length;
                if (length > 0 && length <= MAX_NAME && magic + ARRAY_MAGIC.length > bytes.length) {
                    throw new IndexOutOfBoundsException(magic);
                }
                if (length > 0 && length <= MAX_NAME
                        && Arrays.equals(bytes, magic, magic + ARRAY_MAGIC.length, ARRAY_MAGIC, 0, ARRAY_MAGIC.length)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static Entry array(ByteBuffer b, String name) {
        int version = b.getInt();
        if (version != ARRAY_VERSION) {
            throw new IllegalArgumentException("parameter " + name + " is an array of encoding version " + version
                    + " (this reader knows " + ARRAY_VERSION + ")");
        }
        if (b.get() != 0) {
            utf(b); // the array's own name
        }
        utf(b); // sparse format: DENSE for every parameter
        String dataType = utf(b);
        long[] shape = new long[b.getInt()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = b.getLong();
        }
        int layoutCharacters = b.getInt();
        b.position(b.position() + 2 * layoutCharacters);
        ByteOrder order = b.get() == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int length = b.getInt();
        ByteBuffer data = b.slice(b.position(), length).order(order);
        b.position(b.position() + length);
        float[] values = null;
        if (dataType.equals("FLOAT32")) {
            if ((long) length != Float.BYTES * Arrays.stream(shape).reduce(1, Math::multiplyExact)) {
                throw new IllegalArgumentException("parameter " + name + " of shape " + Arrays.toString(shape)
                        + " holds " + length + " bytes");
            }
            values = new float[length / Float.BYTES];
            data.asFloatBuffer().get(values);
        }
        return new Entry(name, shape, dataType, values);
    }

    private static String utf(ByteBuffer b) {
        byte[] s = new byte[b.getShort() & 0xffff];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
