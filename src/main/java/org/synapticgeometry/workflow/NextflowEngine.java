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
import java.util.concurrent.TimeUnit;

/**
 * The real Nextflow engine ({@code io.nextflow:nextflow:24.10.0}) started as a child JVM on a
 * classpath of its own (its Groovy, logging and library versions would clash with the
 * application's). The JVM gets the {@code --add-opens} flags without which {@code -resume} never
 * hits the cache on Java 17, a private {@code NXF_HOME}, {@code NXF_OFFLINE=true} and plain (non-ANSI) logs unless the
 * environment says otherwise. The child's output is copied to the given writers.
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

    private final Path jarDir;

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

    /** The child JVM's command line for Nextflow arguments {@code args}. */
    public List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        OPENS.forEach(p -> cmd.add("--add-opens=java.base/" + p + "=ALL-UNNAMED"));
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
        ProcessBuilder pb = new ProcessBuilder(command(args)).directory(launchDir.toFile());
        Map<String, String> e = pb.environment();
        e.putIfAbsent("NXF_HOME", launchDir.resolve(".nextflow").resolve("home").toAbsolutePath().toString());
        e.putIfAbsent("NXF_OFFLINE", "true");
        e.putIfAbsent("NXF_ANSI_LOG", "false");   // the output goes through a pipe
        e.putAll(env);
        Process child;
        try {
            Files.createDirectories(Path.of(e.get("NXF_HOME")));
            child = pb.start();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot start Nextflow (" + pb.command().get(0) + ")", ex);
        }
        Thread stopper = new Thread(() -> stop(child));
        Runtime.getRuntime().addShutdownHook(stopper);
        Thread o = pump(child.getInputStream(), out);
        Thread r = pump(child.getErrorStream(), err);
        try {
            int code = child.waitFor();
            o.join();
            r.join();
            removeHook(stopper);
            return code;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            stop(child);
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

    private static void stop(Process child) {
        child.destroy();
        try {
            if (!child.waitFor(20, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
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
