package org.synapticgeometry.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Resolves the {@code --device} option of the training stages: {@code auto}, {@code cpu} or {@code gpu}.
 * Checking the option ({@link #check}) starts loading libtorch on a background thread (about 0.6 s
 * of CPU), so that a stage reads and hashes its inputs meanwhile; {@link #parse} waits for it.
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
     * that ends early (bad input) never exits while the native library is half loaded.
     */
    private static synchronized void startLoading() {
        if (loading != null) {
            return;
        }
        requester = Thread.currentThread();
        loading = new CompletableFuture<>();
        CompletableFuture<Engine> future = loading;
        Thread t = new Thread(() -> {
            try {
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
