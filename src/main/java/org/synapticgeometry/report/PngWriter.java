package org.synapticgeometry.report;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes an RGB image (a {@code TYPE_INT_RGB} {@link BufferedImage}, as XChart renders its charts) as
 * the bytes the JDK's PNG writer ({@code ImageIO.write(image, "png", out)}) makes of it, reading the
 * pixels straight from the image's array: an IHDR chunk (8-bit RGB), every row unfiltered (filter type
 * 0, which the JDK's writer uses for every image without a palette), deflated at level 4 in 32768-byte
 * IDAT chunks, and IEND.
 */
final class PngWriter {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** The JDK PNG writer's deflate level and IDAT chunk length. */
    private static final int LEVEL = 4;
    private static final int CHUNK = 32768;

    private final OutputStream out;
    private final byte[] chunk = new byte[CHUNK];
    private int filled;

    private PngWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * Writes {@code image} as PNG to {@code out}.
     *
     * @throws IllegalArgumentException if the image is not a plain {@code TYPE_INT_RGB} image
     */
    static void write(BufferedImage image, OutputStream out) throws IOException {
        if (image.getType() != BufferedImage.TYPE_INT_RGB
                || !(image.getSampleModel() instanceof SinglePixelPackedSampleModel sm)
                || image.getRaster().getSampleModelTranslateX() != 0 || image.getRaster().getSampleModelTranslateY() != 0) {
            throw new IllegalArgumentException("the report writes TYPE_INT_RGB images as PNG, found image type "
                    + image.getType());
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int stride = sm.getScanlineStride();
        out.write(SIGNATURE);
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream(13);
        writeInt(ihdr, width);
        writeInt(ihdr, height);
        ihdr.write(new byte[] {8, 2, 0, 0, 0});   // 8 bits per sample, RGB, deflate, no filter, no interlace
        chunk(out, "IHDR", ihdr.toByteArray(), ihdr.size());
        PngWriter w = new PngWriter(out);
        Deflater deflater = new Deflater(LEVEL);
        try {
            byte[] filter = {0};
            byte[] row = new byte[3 * width];
            byte[] buf = new byte[512];
            for (int y = 0; y < height; y++) {
                for (int x = 0, i = y * stride, b = 0; x < width; x++, i++) {
                    int p = pixels[i];
                    row[b++] = (byte) (p >> 16);
                    row[b++] = (byte) (p >> 8);
                    row[b++] = (byte) p;
                }
                w.deflate(deflater, filter, buf);
                w.deflate(deflater, row, buf);
            }
            deflater.finish();
            while (!deflater.finished()) {
                w.idat(buf, deflater.deflate(buf, 0, buf.length));
            }
        } finally {
            deflater.end();
        }
        chunk(out, "IDAT", w.chunk, w.filled);
        chunk(out, "IEND", new byte[0], 0);
    }

    /** Deflates {@code input} as the JDK's writer does one write of its IDAT stream. */
    private void deflate(Deflater deflater, byte[] input, byte[] buf) throws IOException {
        deflater.setInput(input);
        while (!deflater.needsInput()) {
            idat(buf, deflater.deflate(buf, 0, buf.length));
        }
    }

    /** Appends deflated bytes to the IDAT chunk, writing a full chunk out before more bytes arrive. */
    private void idat(byte[] buf, int len) throws IOException {
        for (int off = 0; off < len;) {
            if (filled == CHUNK) {
                chunk(out, "IDAT", chunk, CHUNK);
                filled = 0;
            }
            int n = Math.min(len - off, CHUNK - filled);
            System.arraycopy(buf, off, chunk, filled, n);
            filled += n;
            off += n;
        }
    }

    private static void chunk(OutputStream out, String type, byte[] data, int len) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data, 0, len);
        writeInt(out, len);
        out.write(name);
        out.write(data, 0, len);
        writeInt(out, (int) crc.getValue());
    }

    private static void writeInt(OutputStream out, int v) throws IOException {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
