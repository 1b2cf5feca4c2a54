package org.synapticgeometry.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Array;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * Resolves the {@code --device} option of the training stages: {@code auto}, {@code cpu} or {@code gpu}.
 * {@link #startLoading} (called by the CLI before it parses a training command) or checking the option
 * ({@link #check}) starts loading libtorch on a background thread (about 0.7 s), so that the command
 * parses its options, opens its run and reads and hashes its inputs meanwhile; {@link #parse} waits for it.
 */
public final class Devices {
    private static final String ENGINE = "PyTorch";
    private static CompletableFuture<Engine> loading;
    private static Thread requester;

    private Devices() {
    }

    /**
     * Checks the name {@code text} and, for {@code auto} and {@code cpu}, starts loading libtorch in the
     * background (once per process); {@code gpu} asks libtorch for its GPUs at once.
     *
     * @throws IllegalArgumentException as {@link #parse}
     */
    public static void check(String text) {
        String t = normalise(text);
        if (t.equals("auto") || t.equals("cpu")) {
            startLoading();
        } else {
            parse(text);
        }
    }

    /**
     * The device named by {@code text}; {@code auto} is the first GPU when libtorch sees one, else the CPU.
     *
     * @throws IllegalArgumentException for another name, or {@code gpu} when no GPU is visible
     */
    public static Device parse(String text) {
        String t = normalise(text);
        int gpus = engine().getGpuCount();
        return switch (t) {
            case "cpu" -> Device.cpu();
            case "auto" -> gpus > 0 ? Device.gpu() : Device.cpu();
            case "gpu" -> {
                if (gpus == 0) {
                    throw new IllegalArgumentException("--device gpu: libtorch sees no GPU (this build carries the CPU"
                            + " natives; build with -Pgpu on a CUDA node, see the README), or use --device cpu");
                }
                yield Device.gpu();
            }
            default -> throw new IllegalArgumentException("--device must be auto, cpu or gpu, found " + text);
        };
    }

    private static String normalise(String text) {
        String t = text == null ? "auto" : text.trim().toLowerCase(Locale.ROOT);
        if (!(t.equals("auto") || t.equals("cpu") || t.equals("gpu"))) {
            throw new IllegalArgumentException("--device must be auto, cpu or gpu, found " + text);
        }
        return t;
    }

    /**
     * Loads libtorch on a daemon thread unless that has begun. A shutdown hook waits for it, so a command
     * that ends early (bad input) never exits while the native library is half loaded. The thread that
     * calls this is the one that takes over libtorch's per-thread settings in {@link #parse}.
     */
    public static synchronized void startLoading() {
        if (loading != null) {
            return;
        }
        requester = Thread.currentThread();
        loading = new CompletableFuture<>();
        CompletableFuture<Engine> future = loading;
        Thread t = new Thread(() -> {
            try {
                linkJdkNatives();
                future.complete(Engine.getEngine(ENGINE));
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }, "libtorch-loader");
        t.setDaemon(true);
        t.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> future.handle((e, x) -> e).join(),
                "libtorch-loader-wait"));
    }

    /**
     * Links the JDK natives that a stage's bookkeeping calls while libtorch loads. The C library holds
     * its loader lock while libtorch's initialisers run (about 0.5 s), and the JVM takes that lock to
     * link a native method on its first call or to load one of its own libraries. Without this, the
     * main thread of a fine-tune waited 0.6 s for libtorch: in picocli's reflection on arrays, the
     * provenance record (process info, host name), the time zone of the JSON writer, the output folder's
     * lock note (runtime name) and its first file operations (folders, a file written through a locked
     * channel, an atomic move, a walk). They are rehearsed here, on a temporary folder that is removed,
     * before the load begins; a profile of the main thread (docs/benchmarks.md#start-up) finds any other.
     */
    private static void linkJdkNatives() {
        Array.get(Array.newInstance(String.class, 1), Array.getLength(new int[1]) - 1);
        ProcessHandle.current().info();
        TimeZone.getDefault();
        ManagementFactory.getRuntimeMXBean().getName();
        try {
            InetAddress.getLocalHost();
        } catch (UnknownHostException e) {
            // the provenance record falls back to "localhost" on its own
        }
        try {
            Path dir = Files.createTempDirectory("sgeo-natives-");
            try {
                rehearseFileOperations(dir);
            } finally {
                deleteTree(dir);
            }
        } catch (IOException | UncheckedIOException e) {
            // no temporary folder: the stage links these natives itself, only later
        }
    }

    private static void rehearseFileOperations(Path dir) throws IOException {
        Path file = Files.createTempFile(dir, "f", ".tmp");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            channel.truncate(0).write(ByteBuffer.wrap(new byte[] {1}));
            channel.force(true);
            channel.read(ByteBuffer.allocate(1), channel.size() - 1);
            channel.position(0).read(ByteBuffer.allocate(1));
            if (lock != null) {
                lock.release();
            }
        }
        Path moved = Files.createDirectories(dir.resolve("a/b")).resolve("moved");
        Files.move(file, moved, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(moved, dir.resolve("copied"));
        Files.writeString(moved, Files.readString(moved.toRealPath()));
        if (Files.isRegularFile(moved) && Files.isWritable(dir) && Files.size(moved) > 0) {
            Files.readAttributes(moved, BasicFileAttributes.class);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walked = Files.walk(dir)) {
            for (Path p : walked.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * libtorch's engine, waiting for a background load. libtorch's gradient mode and intra-op thread
     * count are per thread and the engine sets them on the thread that loads it, so the thread that
     * started the load takes them over here, as if it had loaded the engine itself (the thread count
     * decides the last bits of the weights; {@code DevicesTest}).
     */
    private static Engine engine() {
        CompletableFuture<Engine> future;
        boolean adopt;
        synchronized (Devices.class) {
            future = loading;
            adopt = future != null && requester == Thread.currentThread();
            if (adopt) {
                requester = null;
            }
        }
        if (future == null) {
            return Engine.getEngine(ENGINE);
        }
        Engine engine;
        try {
            engine = future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        if (adopt) {
            JniUtils.setGradMode(false);
            Integer threads = Integer.getInteger("ai.djl.pytorch.num_threads");
            if (threads != null) {
                JniUtils.setNumThreads(threads);
            }
        }
        return engine;
    }
}
