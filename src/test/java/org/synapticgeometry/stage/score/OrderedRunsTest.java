package org.synapticgeometry.stage.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.files.Manifest;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.snapshot.FloatTensor;
import org.synapticgeometry.snapshot.LayerSelection;
import org.synapticgeometry.snapshot.NpzWriter;
import org.synapticgeometry.stats.Bootstrap;
import org.synapticgeometry.stats.ParameterScan;
import org.synapticgeometry.stats.Scopes;
import org.synapticgeometry.stats.SyntheticChange;

class OrderedRunsTest {
    private static final List<String> OUTPUTS = List.of(ScoreOutputs.SCORES_CSV, ScoreOutputs.SCORES_JSON,
            ScoreOutputs.IDENTIFICATION_JSON);

    @TempDir
    Path dir;

    /** A two-layer run of {@code size} weights per layer changed under {@code potential}. */
    private Manifest.Entry run(String id, String potential, int size, long seed) {
        Map<String, FloatTensor> init = new LinkedHashMap<>();
        Map<String, FloatTensor> fin = new LinkedHashMap<>();
        for (String layer : List.of("fc1", "fc2")) {
            float[] w0 = SyntheticChange.initial(SyntheticChange.Init.LOG_NORMAL, size, seed * 31 + layer.length());
            float[] w1 = SyntheticChange.perturbed(Potentials.parse(potential), w0, 0.05 * layer.length(),
                    seed * 17 + layer.length());
            init.put(layer, new FloatTensor(new int[] {size}, w0));
            fin.put(layer, new FloatTensor(new int[] {size}, w1));
        }
        Path i = dir.resolve(id + "/init.npz");
        Path f = dir.resolve(id + "/final.npz");
        NpzWriter.writeNpz(i, init);
        NpzWriter.writeNpz(f, fin);
        return new Manifest.Entry(id, i, f, potential, "mlp", Long.toString(seed), "", "test run " + id);
    }

    private ScoreOptions options(List<Manifest.Entry> runs) {
        return new ScoreOptions(null, runs, dir.resolve("unused"), Potentials.paperCandidates(),
                ParameterScan.linear("--scan-p", "1.1:3.0:20"), ParameterScan.logarithmic("--scan-beta", "1e-5:10:19"),
                Scopes.all(), new Bootstrap(20, 2000, 7), LayerSelection.of(null, null), false, false);
    }

    /** The three output files of scoring {@code options}' runs on {@code threads} threads, as text. */
    private Map<String, String> outputs(ScoreOptions options, int threads, String folder) throws IOException {
        ScoreRunAnalysis analysis = new ScoreRunAnalysis(options);
        List<ScoreRunResult> results = new ArrayList<>();
        new OrderedRuns(threads).forEach(options.runs(), analysis::analyse, results::add);
        Path out = dir.resolve(folder);
        new ScoreOutputs(options.candidates(), options.scanP(), results).write(out);
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : OUTPUTS) {
            files.put(name, Files.readString(out.resolve(name)));
        }
        return files;
    }

    /**
     * Large runs before small ones (so that the small ones finish first when they run side by side), two layers
     * (standardized and per-layer scopes with their own bootstrap factors) and a run whose final snapshot is missing:
     * every output file is the same text on one thread and on three.
     */
    @Test
    void runsScoredSideBySideWriteTheSameFilesAsRunsScoredOneAfterTheOther() throws IOException {
        List<Manifest.Entry> runs = new ArrayList<>();
        String[] potentials = {"negative_entropy", "2-norm", "3-norm"};
        for (int r = 0; r < 6; r++) {
            runs.add(run("r" + r, potentials[r % 3], r % 2 == 0 ? 20_000 : 300, r));
        }
        Manifest.Entry missing = runs.get(3);
        runs.set(3, new Manifest.Entry("gone", missing.init(), dir.resolve("gone/final.npz"), "2-norm", "mlp", "9", "",
                "test run gone"));
        ScoreOptions options = options(runs);

        Map<String, String> sequential = outputs(options, 1, "one");
        Map<String, String> parallel = outputs(options, 3, "three");

        assertThat(sequential.get(ScoreOutputs.SCORES_CSV)).contains("r5,3-norm").contains("layer:fc2");
        assertThat(sequential.get(ScoreOutputs.IDENTIFICATION_JSON)).contains("\"gone\"");
        for (String name : OUTPUTS) {
            assertThat(parallel.get(name)).as(name).isEqualTo(sequential.get(name));
        }
    }

    /** The first run takes longest; results still come back in manifest order, on the calling thread. */
    @Test
    void handsResultsBackInManifestOrderWhicheverFinishesFirst() {
        List<Manifest.Entry> runs = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            runs.add(new Manifest.Entry("r" + r, dir.resolve("none"), dir.resolve("none"), "", "", "", "", "row " + r));
        }
        Thread caller = Thread.currentThread();
        List<String> order = new ArrayList<>();
        new OrderedRuns(4).forEach(runs, run -> {
            sleep(run.runId().equals("r0") ? 300 : 5);
            return run.runId();
        }, id -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            order.add(id);
        });
        assertThat(order).containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7");
    }

    /** A run whose snapshot files exceed the small-run size never overlaps another run. */
    @Test
    void aLargeRunIsScoredAlone() throws IOException {
        Files.write(dir.resolve("big.npz"), new byte[2000]);
        Files.write(dir.resolve("small.npz"), new byte[10]);
        List<Manifest.Entry> runs = new ArrayList<>();
        for (int r = 0; r < 9; r++) {
            Path file = dir.resolve(r % 3 == 1 ? "big.npz" : "small.npz");
            runs.add(new Manifest.Entry("r" + r, file, file, "", "", "", "", "row " + r));
        }
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<String> bigAlongside = new ArrayList<>();
        new OrderedRuns(3, 1000).forEach(runs, run -> {
            int now = inFlight.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            sleep(20);
            if (run.init().endsWith("big.npz") && now > 1) {
                synchronized (bigAlongside) {
                    bigAlongside.add(run.runId());
                }
            }
            inFlight.decrementAndGet();
            return run.runId();
        }, id -> { });
        assertThat(bigAlongside).isEmpty();
        assertThat(most.get()).as("small runs still overlap").isGreaterThan(1);
    }

    @Test
    void anUnexpectedFailureStopsTheScoringAndIsRethrown() {
        List<Manifest.Entry> runs = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            runs.add(new Manifest.Entry("r" + r, dir.resolve("none"), dir.resolve("none"), "", "", "", "", "row " + r));
        }
        List<String> done = new ArrayList<>();
        assertThatThrownBy(() -> new OrderedRuns(2).forEach(runs, run -> {
            if (run.runId().equals("r2")) {
                throw new IllegalStateException("broken run r2");
            }
            return run.runId();
        }, done::add)).isInstanceOf(IllegalStateException.class).hasMessage("broken run r2");
        assertThat(done).containsExactly("r0", "r1");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
