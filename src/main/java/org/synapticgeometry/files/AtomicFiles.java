package org.synapticgeometry.files;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes files atomically: the content goes to a temporary file in the same folder, which is then
 * renamed over the target. A reader never sees a half-written file, and a crash leaves at most a
 * stray {@code .tmp-*} file, never a truncated output. The temporary file is created the way any
 * program creates a file (mode 0666 masked by the umask: 0644 under umask 022), not with the 0600 of
 * {@link Files#createTempFile}, so outputs stay readable by whoever the umask lets read them.
 */
public final class AtomicFiles {

    /** Writes the content of a file through an output stream. */
    @FunctionalInterface
    public interface Writer {
        /** Writes everything to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically, creating its parent folders.
     *
     * @throws UncheckedIOException naming the path when the folder cannot be created or written
     */
    public static void write(Path target, Writer writer) {
        Path parent = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = parent.resolve(".tmp-" + target.getFileName() + "-" + Long.toUnsignedString(RANDOM.nextLong(), 36));
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writer.writeTo(out);
            }
            move(tmp, target);
            OutputFolder.recordWrite(target);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage()
                    + " (check that the folder exists and is writable)", e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /** Writes a UTF-8 string atomically. */
    public static void writeString(Path target, String content) {
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Checks that {@code dir} can be created and written, so that a stage fails before computing.
     *
     * @throws IllegalArgumentException naming the folder and the fix
     */
    public static void requireWritableDirectory(Path dir, String optionName) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(optionName + " " + dir + " is a file, not a folder; choose a folder");
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".probe", "");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(optionName + " " + dir + " cannot be written (" + e.getMessage()
                    + "); choose a writable folder");
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a stray temporary file is harmless and named .tmp-*
        }
    }
}
