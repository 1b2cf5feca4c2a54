package org.synapticgeometry.stage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.files.Json;
import org.synapticgeometry.files.OutputFolder;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.snapshot.FloatTensor;
import org.synapticgeometry.snapshot.NpzWriter;
import org.synapticgeometry.stats.SyntheticChange;
import org.synapticgeometry.testing.Cli;

/**
 * A stage's output folder holds only this run's outputs: a finished run's folder is refused without
 * {@code --overwrite} and cleared with it, a failed run's is replaced, files this run did not write are
 * never recorded as its outputs, and a second run into a folder in use stops at once.
 */
class FreshOutputsTest {
    @TempDir
    Path dir;

    /** Holds the output folder named by the first argument until stdin closes (a second sgeo process). */
    public static void main(String[] args) throws IOException {
        try (OutputFolder held = OutputFolder.open(Path.of(args[0]), "--out", true, false,
                new PrintWriter(System.err, true))) {
            System.out.println("locked");
            System.out.flush();
            System.in.read();
        }
    }

    @BeforeEach
    void pair() {
        float[] w0 = SyntheticChange.initial(SyntheticChange.Init.NORMAL, 400, 1);
        float[] w1 = SyntheticChange.perturbed(Potentials.parse("2-norm"), w0, 0.1, 2);
        NpzWriter.writeNpz(dir.resolve("init.npz"), Map.of("fc", FloatTensor.vector(w0)));
        NpzWriter.writeNpz(dir.resolve("final.npz"), Map.of("fc", FloatTensor.vector(w1)));
    }

    private Cli score(String... extra) {
        List<String> args = new ArrayList<>(List.of("score", "--pair", dir.resolve("init.npz") + "," + dir.resolve("final.npz"),
                "--out", dir.resolve("out").toString(), "--bootstrap", "0", "--scan-p", "none", "--scan-beta", "none"));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private List<String> recordedOutputs() {
        JsonNode outputs = Json.readTree(dir.resolve("out/run.json"), "run.json").get("outputs");
        List<String> paths = new ArrayList<>();
        outputs.forEach(o -> paths.add(o.get("path").asText()));
        return paths;
    }

    @Test
    void finishedRunIsRefusedThenReplacedWithOverwrite() throws IOException {
        assertThat(score().code()).isZero();
        String firstStart = Json.readTree(dir.resolve("out/run.json"), "run.json").get("start_time").asText();
        Cli again = score();
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.lastErrorLine()).isEqualTo("sgeo score: --out " + dir.resolve("out") + " holds the outputs of"
                + " another run (run.json of a score run started " + firstStart + "); pass --overwrite to replace them,"
                + " or choose an empty folder");
        assertThat(dir.resolve("out/" + OutputFolder.LOCK_FILE)).doesNotExist();
        Files.writeString(dir.resolve("out/notes.txt"), "mine\n");
        Cli replaced = score("--overwrite");
        assertThat(replaced.code()).as(replaced.err()).isZero();
        assertThat(recordedOutputs()).containsExactlyInAnyOrder("scores.csv", "scores.json", "identification.json");
        assertThat(dir.resolve("out/notes.txt")).as("files no run recorded are not touched").hasContent("mine");
        assertThat(dir.resolve("out/" + OutputFolder.LOCK_FILE)).doesNotExist();
    }

    @Test
    void failedRunIsReplacedWithANote() throws IOException {
        Cli failed = Cli.run("score", "--pair", dir.resolve("init.npz") + "," + dir.resolve("init.npz"),
                "--out", dir.resolve("out").toString(), "--bootstrap", "0");
        assertThat(failed.code()).isEqualTo(2);
        Cli rerun = score();
        assertThat(rerun.code()).as(rerun.err()).isZero();
        assertThat(rerun.err()).contains("sgeo: note: --out " + dir.resolve("out")
                + " holds the outputs of a score run that ended FAILED; replacing them");
    }

    @Test
    void filesLeftInARecordedFolderAreNotThisRunsOutputs() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out/sub"));
        Files.writeString(out.resolve("stale.txt"), "old\n");
        Files.writeString(dir.resolve("out/" + OutputFolder.LOCK_FILE), "pid 1 since then");
        StringWriter log = new StringWriter();
        List<String> logged = new ArrayList<>();
        try (OutputFolder folder = OutputFolder.open(dir.resolve("out"), "--out", true, false, new PrintWriter(log, true))) {
            org.synapticgeometry.files.AtomicFiles.writeString(out.resolve("new.txt"), "new\n");
            new FreshOutputsRun(new RecordingRun(logged), folder, new PrintWriter(log, true))
                    .logArtifact(dir.resolve("out"), "");
        }
        assertThat(logged).containsExactly("sub/new.txt");
        assertThat(log.toString()).contains("holds files of a run that was killed")
                .contains("1 file(s) in " + dir.resolve("out") + " were not written by this run; not recorded as outputs");
    }

    @Test
    void secondRunIntoAFolderInUseStopsAtOnce() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                FreshOutputsTest.class.getName(), dir.resolve("out").toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            assertThat(new String(holder.getInputStream().readNBytes(6))).isEqualTo("locked");
            Cli second = score();
            assertThat(second.code()).isEqualTo(2);
            assertThat(second.lastErrorLine()).startsWith("sgeo score: --out " + dir.resolve("out")
                    + " is in use by another sgeo run (pid " + holder.pid() + " (")
                    .endsWith("; lock " + dir.resolve("out").toAbsolutePath() + "/" + OutputFolder.LOCK_FILE
                            + "); wait for it to finish or choose another folder");
            assertThat(dir.resolve("out/scores.csv")).doesNotExist();
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(score().code()).as("the folder is free once the holder ends").isZero();
    }

    /** A tracked run that only records the artifact paths it is given. */
    private record RecordingRun(List<String> logged) implements org.synapticgeometry.tracking.TrackedRun {
        @Override
        public void logArtifact(Path file, String artifactDir) {
            logged.add((artifactDir.isEmpty() ? "" : artifactDir + "/") + file.getFileName());
        }

        @Override
        public String runId() {
            return "test";
        }

        @Override
        public void logParams(Map<String, String> params) {
        }

        @Override
        public void setTags(Map<String, String> tags) {
        }

        @Override
        public void logMetric(String key, double value, long step) {
        }

        @Override
        public java.util.Optional<String> logOnto(String otherRunId, Map<String, Double> metrics, Map<String, String> tags) {
            return java.util.Optional.empty();
        }

        @Override
        public void flush() {
        }

        @Override
        public org.synapticgeometry.tracking.TrackedRun startChild(String runName, Map<String, String> params,
                Map<String, String> tags) {
            return this;
        }

        @Override
        public String recordInput(Path file) {
            return "";
        }

        @Override
        public void end(org.synapticgeometry.tracking.RunStatus status) {
        }

        @Override
        public void close() {
        }
    }
}
