package org.synapticgeometry.files;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The folder one stage run writes into, held for the length of the run. Opening it
 * <ul>
 *   <li>checks that it can be created and written;</li>
 *   <li>takes an exclusive lock, {@value #LOCK_FILE} (an OS file lock, released even when the process
 *       is killed), so a second run into the same folder stops at once with a message naming the holder;</li>
 *   <li>for a folder owned by one run, refuses a folder that holds the outputs of another run that finished
 *       (its {@value #RUN_RECORD}) unless {@code overwrite} is set; then, and for a run that failed or was
 *       killed, the files that run recorded as outputs are deleted first.</li>
 * </ul>
 * While open it remembers every file written into it through {@link AtomicFiles}, so that a stage that
 * records a whole sub-folder as output records only what this run wrote ({@link #wrote}).
 */
public final class OutputFolder implements AutoCloseable {
    /** The lock file; present only while a run writes into the folder (or after a run was killed). */
    public static final String LOCK_FILE = ".sgeo-run.lock";
    /** The provenance record every stage run leaves in its folder. */
    public static final String RUN_RECORD = "run.json";

    private static final List<OutputFolder> OPEN = new CopyOnWriteArrayList<>();

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;
    private final Set<Path> written = ConcurrentHashMap.newKeySet();

    private OutputFolder(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Opens {@code dir} for one run.
     *
     * @param option the option that named the folder, for messages ({@code --out})
     * @param owned whether the run owns the whole folder (every stage but {@code snapshot}, whose folder may
     *     hold other snapshots); only an owned folder is checked for another run's outputs
     * @param overwrite replace a finished run's outputs instead of refusing
     * @param log where notes go (outputs of a failed or killed run replaced)
     * @throws IllegalArgumentException naming the folder and the fix when it cannot be written, is in use,
     *     or holds another run's outputs without {@code overwrite}
     */
    public static OutputFolder open(Path dir, String option, boolean owned, boolean overwrite, PrintWriter log) {
        AtomicFiles.requireWritableDirectory(dir, option);
        Path folder = dir.toAbsolutePath().normalize();
        Path lockFile = folder.resolve(LOCK_FILE);
        boolean leftByKilledRun = Files.exists(lockFile);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = Files.readString(lockFile).strip();
                throw new IllegalArgumentException(option + " " + dir + " is in use by another sgeo run ("
                        + (holder.isEmpty() ? "starting" : holder) + "; lock " + lockFile
                        + "); wait for it to finish or choose another folder");
            }
            OutputFolder out = new OutputFolder(folder, channel, lock);
            if (owned) {
                out.claim(dir, option, leftByKilledRun, overwrite, log);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " ("
                    + ManagementFactory.getRuntimeMXBean().getName() + ") since " + Instant.now())
                    .getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            OPEN.add(out);
            return out;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IllegalArgumentException(option + " " + dir + " cannot be locked (" + e.getMessage()
                    + "); choose a writable local folder");
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /**
     * Refuses or clears another run's outputs: a finished run's are refused without {@code overwrite}; those of
     * a run that failed or was killed are cleared (it is rerun), with a note.
     */
    private void claim(Path given, String option, boolean leftByKilledRun, boolean overwrite, PrintWriter log)
            throws IOException {
        Path record = dir.resolve(RUN_RECORD);
        if (!Files.exists(record)) {
            if (leftByKilledRun) {
                log.println("sgeo: note: " + option + " " + given + " holds files of a run that was killed; files"
                        + " this run does not write again are left as they are and not recorded as its outputs");
            }
            return;
        }
        JsonNode previous = readRecord(record);
        boolean finished = "FINISHED".equals(previous.path("status").asText());
        if (finished && !overwrite) {
            if (!leftByKilledRun) {
                Files.deleteIfExists(dir.resolve(LOCK_FILE));
            }
            lock.release();
            throw new IllegalArgumentException(option + " " + given + " holds the outputs of another run (run.json of a "
                    + previous.path("stage").asText("?") + " run started " + previous.path("start_time").asText("?")
                    + "); pass --overwrite to replace them, or choose an empty folder");
        }
        if (!finished) {
            log.println("sgeo: note: " + option + " " + given + " holds the outputs of a "
                    + previous.path("stage").asText("?") + " run that ended " + previous.path("status").asText("?")
                    + "; replacing them");
        }
        for (JsonNode o : previous.path("outputs")) {
            String path = o.path("path").asText("");
            if (!path.isEmpty()) {
                deleteOutput(path);
            }
        }
        Files.deleteIfExists(record);
    }

    private static JsonNode readRecord(Path record) {
        try {
            return Json.readTree(record, RUN_RECORD);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return Json.mapper().createObjectNode();
        }
    }

    /**
     * Deletes one recorded output: the artifact path inside the folder, or, for an output recorded under an
     * artifact sub-folder of its own ({@code report/index.html}), that path without its first segment.
     * Nothing outside the folder is touched.
     */
    private void deleteOutput(String artifactPath) throws IOException {
        Path direct = dir.resolve(artifactPath).normalize();
        int slash = artifactPath.indexOf('/');
        Path target = Files.isRegularFile(direct) || slash < 0 ? direct
                : dir.resolve(artifactPath.substring(slash + 1)).normalize();
        if (target.startsWith(dir) && !target.equals(dir) && Files.isRegularFile(target)) {
            Files.delete(target);
        }
    }

    /** Called by {@link AtomicFiles} after each write: remembers {@code file} in every open folder holding it. */
    static void recordWrite(Path file) {
        if (OPEN.isEmpty()) {
            return;
        }
        Path f = file.toAbsolutePath().normalize();
        for (OutputFolder o : OPEN) {
            if (f.startsWith(o.dir)) {
                o.written.add(f);
            }
        }
    }

    /** The folder (absolute). */
    public Path dir() {
        return dir;
    }

    /** Whether this run wrote {@code file} (through {@link AtomicFiles}) since the folder was opened. */
    public boolean wrote(Path file) {
        return written.contains(file.toAbsolutePath().normalize());
    }

    /** Releases the lock and removes the lock file. */
    @Override
    public void close() {
        OPEN.remove(this);
        try {
            Files.deleteIfExists(dir.resolve(LOCK_FILE));
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + dir.resolve(LOCK_FILE) + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the channel; nothing else to release
        }
    }
}
