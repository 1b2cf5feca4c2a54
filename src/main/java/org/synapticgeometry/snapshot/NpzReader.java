package org.synapticgeometry.snapshot;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads an NPZ archive ({@code numpy.savez}, stored, or {@code numpy.savez_compressed}, deflated;
 * ZIP64 for large files) into a {@link WeightSnapshot}: one layer per {@code <name>.npy} entry, in
 * archive order, named without the {@code .npy} suffix.
 */
public final class NpzReader {
    private NpzReader() {
    }

    /**
     * Reads every array of the archive.
     *
     * @throws IllegalArgumentException if the file is missing, not a zip, truncated, holds no array
     *     or holds an array that is not a float NPY
     */
    public static WeightSnapshot read(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("snapshot file " + file + " does not exist; check the path");
        }
        Map<String, FloatTensor> layers = new LinkedHashMap<>();
        Map<String, String> dtypes = new LinkedHashMap<>();
        Map<String, double[]> float64 = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory() || !e.getName().endsWith(".npy")) {
                    continue;
                }
                String name = e.getName().substring(0, e.getName().length() - ".npy".length());
                try (InputStream in = new BufferedInputStream(zip.getInputStream(e), 1 << 16)) {
                    NpyReader.NpyArray a = NpyReader.read(in, file + ":" + e.getName());
                    layers.put(name, a.tensor());
                    dtypes.put(name, a.kind());
                    if (a.float64() != null) {
                        float64.put(name, a.float64());
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("snapshot file " + file + " does not exist; check the path");
        } catch (ZipException e) {
            throw new IllegalArgumentException(file + " is not a readable NPZ (zip) archive: " + e.getMessage()
                    + "; it may be truncated or corrupt, re-save it with numpy.savez");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no .npy array; save the weights with numpy.savez");
        }
        return new WeightSnapshot(file.toString(), layers, dtypes, float64);
    }
}
