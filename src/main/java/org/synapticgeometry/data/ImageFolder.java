package org.synapticgeometry.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A user's labelled images, one sub-folder per class (class names = folder names, sorted), for
 * fine-tuning an imported model. Every image (PNG, JPEG, BMP, GIF) is resized to
 * {@code rows × cols} and converted to 1 (grey) or 3 (RGB) channels.
 */
public final class ImageFolder {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

    private ImageFolder() {
    }

    /**
     * Loads all images under {@code root}.
     *
     * @throws IllegalArgumentException when the folder has no class sub-folders, a class has no
     *     image, an image cannot be decoded, or the channel count is not 1 or 3
     */
    public static LabeledImages load(Path root, int channels, int rows, int cols) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("--channels must be 1 or 3, found " + channels);
        }
        List<Path> classDirs = list(root, Files::isDirectory);
        if (classDirs.isEmpty()) {
            throw new IllegalArgumentException("image folder " + root + " must hold one sub-folder per class"
                    + " (e.g. " + root + "/cat/1.png), found none");
        }
        List<String> names = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int per = channels * rows * cols;
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        for (Path dir : classDirs) {
            List<Path> images = list(dir, ImageFolder::isImage);
            if (images.isEmpty()) {
                throw new IllegalArgumentException("class folder " + dir + " has no image (.png, .jpg, .bmp, .gif);"
                        + " add images or remove the folder");
            }
            for (Path image : images) {
                pixels.write(pixelsOf(image, channels, rows, cols), 0, per);
                labels.add(names.size());
            }
            names.add(dir.getFileName().toString());
        }
        return new LabeledImages(channels, rows, cols, pixels.toByteArray(),
                labels.stream().mapToInt(Integer::intValue).toArray(), names);
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    private static List<Path> list(Path dir, Predicate<Path> keep) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("image folder " + dir + " does not exist or is not a folder");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(keep).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Channel-major bytes of one image, resized with bilinear interpolation. */
    private static byte[] pixelsOf(Path file, int channels, int rows, int cols) {
        BufferedImage src;
        try {
            src = ImageIO.read(file.toFile());
        } catch (IOException e) {
            src = null;
        }
        if (src == null) {
            throw new IllegalArgumentException("image " + file + " cannot be decoded; use PNG, JPEG, BMP or GIF");
        }
        BufferedImage rgb = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, cols, rows, null);
        g.dispose();
        byte[] out = new byte[channels * rows * cols];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int p = rgb.getRGB(x, y);
                int r = (p >> 16) & 0xff;
                int gr = (p >> 8) & 0xff;
                int b = p & 0xff;
                int at = y * cols + x;
                if (channels == 1) {
                    out[at] = (byte) Math.round(0.299 * r + 0.587 * gr + 0.114 * b);
                } else {
                    out[at] = (byte) r;
                    out[rows * cols + at] = (byte) gr;
                    out[2 * rows * cols + at] = (byte) b;
                }
            }
        }
        return out;
    }
}
