package org.synapticgeometry.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One whole child process, timed: wall time from start to exit, and CPU time (user + system of the
 * process and everything it waited for, from bash's {@code times}). The child's output goes to
 * {@code bench.log} in its working folder; libtorch in both peers gets the same thread count.
 *
 * @param wallMillis wall time
 * @param cpuMillis CPU time
 */
record Timed(double wallMillis, double cpuMillis) {
    private static final Pattern TIME = Pattern.compile("(\\d+)m([0-9.]+)s");

    /**
     * Runs {@code command} in {@code dir} with {@code threads} libtorch threads.
     *
     * @throws IllegalStateException when it exits non-zero, naming the log
     */
    static Timed run(List<String> command, Path dir, int threads) {
        try {
            Files.createDirectories(dir);
            Path times = Files.createTempFile(dir, "times", ".txt");
            Path log = dir.resolve("bench.log");
            List<String> wrapped = new ArrayList<>(List.of("bash", "-c",
                    "\"$@\"; rc=$?; times > \"$SGEO_BENCH_TIMES\"; exit $rc", "bash"));
            wrapped.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(wrapped).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> env = pb.environment();
            env.put("SGEO_BENCH_TIMES", times.toString());
            env.put("OMP_NUM_THREADS", Integer.toString(threads));
            env.put("SGEO_JAVA_OPTS", "-Xmx8g -Dai.djl.pytorch.num_threads=" + threads
                    + " -Dai.djl.pytorch.num_interop_threads=1");
            long start = System.nanoTime();
            int code = pb.start().waitFor();
            double wall = (System.nanoTime() - start) / 1e6;
            if (code != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + code
                        + "; see " + log);
            }
            double cpu = childCpuMillis(Files.readString(times, StandardCharsets.UTF_8));
            Files.delete(times);
            return new Timed(wall, cpu);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    /** The trimmed standard output of a short command, or null when it fails or cannot start. */
    static String output(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** User + system time of the children from the second line of bash's {@code times} output. */
    static double childCpuMillis(String times) {
        String[] lines = times.strip().split("\n");
        Matcher m = TIME.matcher(lines[lines.length - 1]);
        double total = 0;
        int found = 0;
        while (m.find()) {
            total += Long.parseLong(m.group(1)) * 60_000.0 + Double.parseDouble(m.group(2)) * 1e3;
            found++;
        }
        if (found != 2) {
            throw new IllegalStateException("cannot read the CPU time from bash's times output: " + times);
        }
        return total;
    }
}
