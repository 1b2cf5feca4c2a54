package org.synapticgeometry.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The real Nextflow engine ({@code io.nextflow:nextflow:24.10.0}) started as a child JVM on a
 * classpath of its own (its Groovy, logging and library versions would clash with the
 * application's). The JVM gets the {@code --add-opens} flags without which {@code -resume} never
 * hits the cache on Java 17, a private {@code NXF_HOME}, {@code NXF_OFFLINE=true} and plain (non-ANSI) logs unless the
 * environment says otherwise. The child's output is copied to the given writers.
 *
 * <p>The launcher owns its engine: Nextflow runs under a small bash guard ({@link #GUARD}) that
 * passes SIGTERM/SIGINT on to it and sends it SIGTERM when the launcher's end of the guard's stdin
 * closes, i.e. when the launcher dies, even by SIGKILL. Nextflow then stops its tasks and releases
 * its resume cache, so the next {@code -resume} finds no stale lock.
 */
public final class NextflowEngine {
    /** System property or environment variable naming the folder of the engine's jars. */
    public static final String DIR_PROPERTY = "sgeo.nextflow.dir";
    /** Environment variable naming the folder of the engine's jars. */
    public static final String DIR_ENV = "SGEO_NEXTFLOW_DIR";
    private static final String MAIN_CLASS = "nextflow.cli.Launcher";
    private static final List<String> OPENS = List.of("java.lang", "java.io", "java.nio", "java.nio.file.spi",
            "java.net", "java.util", "java.util.concurrent.locks", "java.util.concurrent.atomic", "sun.nio.ch",
            "sun.nio.fs", "sun.net.www.protocol.http", "sun.net.www.protocol.https", "sun.net.www.protocol.ftp",
            "sun.net.www.protocol.file", "jdk.internal.misc", "jdk.internal.vm", "java.util.regex", "java.time");

    /**
     * Runs {@code "$@"} (Nextflow) in the background, forwards TERM/INT/HUP to it, and terminates it
     * when stdin (a pipe only the launcher writes to) reaches its end; exits with Nextflow's code.
     */
    static final String GUARD = String.join("\n",
            "exec 3<&0",
            "\"$@\" </dev/null &",
            "nf=$!",
            "trap 'kill -TERM $nf 2>/dev/null' TERM INT HUP",
            "( while read -r -u 3 _; do :; done; kill -TERM $nf 2>/dev/null ) &",
            "guard=$!",
            "exec 3<&-",
            "while :; do wait $nf; code=$?; kill -0 $nf 2>/dev/null || break; done",
            "kill $guard 2>/dev/null",
            "exit $code");
    /** Environment variable with the user's options for Nextflow's JVM (Nextflow's own launcher reads it too). */
    public static final String JVM_ARGS_ENV = "NXF_JVM_ARGS";
    /**
     * Options of Nextflow's JVM: the C1 compiler alone and the serial collector. The driver runs Groovy code
     * a few times per task, for which C2 spends more CPU compiling than it saves: a smoke run whose 18 tasks
     * are all cached took 21–22 s of CPU with the JVM's defaults and 10–11 s with these
     * (docs/benchmarks.md#the-smoke-workflow-side-by-side).
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    /** How long a stopped Nextflow may take to end its tasks before it is killed. */
    private static final int STOP_SECONDS = 60;

    private final Path jarDir;

    /** What the caller does once Nextflow has ended, before a stopping launcher may exit. */
    @FunctionalInterface
    public interface Ending {
        /**
         * Called on the launching thread with Nextflow's exit code; {@code stopped} is true when
         * the launcher is being stopped (SIGINT, SIGTERM) and stopped Nextflow.
         */
        void ended(int code, boolean stopped);
    }

    private NextflowEngine(Path jarDir) {
        this.jarDir = jarDir;
    }

    /**
     * Finds the engine: {@value #DIR_PROPERTY} (system property), then {@value #DIR_ENV}, then
     * {@code target/nextflow} under the working directory.
     *
     * @throws IllegalStateException when the folder holds no Nextflow jar, saying how to get it
     */
    public static NextflowEngine locate() {
        String dir = System.getProperty(DIR_PROPERTY, System.getenv(DIR_ENV));
        Path jars = dir != null ? Path.of(dir) : Path.of("target", "nextflow");
        try (var files = Files.list(jars)) {
            if (files.noneMatch(f -> f.getFileName().toString().startsWith("nextflow-"))) {
                throw new IllegalStateException("no nextflow-*.jar in " + jars);
            }
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("the Nextflow engine is not installed in " + jars.toAbsolutePath()
                    + " (run: mvn -q -f workflows/engine/pom.xml package, or bin/sgeo does it on first use)", e);
        }
        return new NextflowEngine(jars);
    }

    /**
     * The child's command line for Nextflow arguments {@code args}: the guard around Nextflow's JVM,
     * which gets {@link #JVM_OPTIONS}, the class archive's options, then the options in
     * {@value #JVM_ARGS_ENV} of {@code env} (blank separated; a later option wins, so
     * {@code NXF_JVM_ARGS=-XX:TieredStopAtLevel=4} brings C2 back).
     */
    private List<String> command(List<String> args, Map<String, String> env, EngineClassArchive classes) {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", GUARD, "sgeo-nextflow-guard"));
        cmd.add(JAVA.toString());
        OPENS.forEach(p -> cmd.add("--add-opens=java.base/" + p + "=ALL-UNNAMED"));
        cmd.addAll(JVM_OPTIONS);
        cmd.addAll(classes.jvmOptions());
        String user = env.getOrDefault(JVM_ARGS_ENV, "").strip();
        if (!user.isEmpty()) {
            cmd.addAll(List.of(user.split("\\s+")));
        }
        cmd.add("-cp");
        cmd.add(jarDir.toAbsolutePath() + "/*");
        cmd.add(MAIN_CLASS);
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Runs Nextflow with {@code args} in {@code launchDir} and waits for it. {@code NXF_HOME}
     * defaults to {@code launchDir/.nextflow/home} (beside Nextflow's own run history) and {@code NXF_OFFLINE} to true; {@code env}
     * adds variables. If this JVM is stopped, the child is stopped too (Nextflow then ends its
     * tasks and keeps its resume cache).
     *
     * @return Nextflow's exit code
     */
    public int run(List<String> args, Path launchDir, Map<String, String> env, PrintWriter out, PrintWriter err) {
        return run(args, launchDir, env, out, err, (code, stopped) -> { });
    }

    /**
     * As {@link #run(List, Path, Map, PrintWriter, PrintWriter)}, then {@code ending}; when this JVM
     * is being stopped, it stops Nextflow and waits for {@code ending} before it exits.
     */
    public int run(List<String> args, Path launchDir, Map<String, String> env, PrintWriter out, PrintWriter err,
            Ending ending) {
        ProcessBuilder pb = new ProcessBuilder().directory(launchDir.toFile());
        Map<String, String> e = pb.environment();
        e.putIfAbsent("NXF_HOME", launchDir.resolve(".nextflow").resolve("home").toAbsolutePath().toString());
        e.putIfAbsent("NXF_OFFLINE", "true");
        e.putIfAbsent("NXF_ANSI_LOG", "false");   // the output goes through a pipe
        e.putAll(env);
        EngineClassArchive classes = EngineClassArchive.of(jarDir, JAVA, e);
        pb.command(command(args, e, classes));
        Process child;
        try {
            Files.createDirectories(Path.of(e.get("NXF_HOME")));
            child = pb.start();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot start Nextflow (" + pb.command().get(0) + ")", ex);
        }
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch handled = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            stopping.set(true);
            stop(child);
            await(handled);
        }, "sgeo-stop-nextflow");
        Runtime.getRuntime().addShutdownHook(stopper);
        Thread o = pump(child.getInputStream(), out);
        Thread r = pump(child.getErrorStream(), err);
        try {
            int code = child.waitFor();
            o.join();
            r.join();
            classes.finish(code);
            try {
                ending.ended(code, stopping.get());
            } finally {
                handled.countDown();
            }
            removeHook(stopper);
            return code;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            stop(child);
            classes.finish(1);
            throw new IllegalStateException("interrupted while Nextflow was running; rerun with -resume", ex);
        }
    }

    /** Removes the hook unless the JVM is already shutting down (then the hook has run). */
    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // nothing to undo: the hook is stopping Nextflow
        }
    }

    /** SIGTERM to the guard (through the handle: Process.destroy would also close the output pipes). */
    private static void stop(Process child) {
        child.toHandle().destroy();
        try {
            if (!child.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                child.descendants().forEach(ProcessHandle::destroyForcibly);
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread pump(InputStream in, PrintWriter to) {
        Thread t = new Thread(() -> {
            try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    to.println(line);
                    to.flush();
                }
            } catch (IOException e) {
                to.println("sgeo run: lost Nextflow's output: " + e.getMessage());
            }
        }, "nextflow-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
