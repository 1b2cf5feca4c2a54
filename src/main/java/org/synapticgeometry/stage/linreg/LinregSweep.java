package org.synapticgeometry.stage.linreg;

import org.synapticgeometry.stage.Progress;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.synapticgeometry.data.LinearRegressionData;
import org.synapticgeometry.data.Seeds;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.optim.LearningRateSearch;
import org.synapticgeometry.optim.LearningRateSearch.Outcome;
import org.synapticgeometry.stage.linreg.LinregRun.CandidateScore;
import org.synapticgeometry.stats.DualChange;
import org.synapticgeometry.tracking.TrackedRun;

/**
 * One sweep of the paper's linear-regression experiment (Sec. 4.1). For every (k, power, D): a
 * held-out search slice picks each trained potential's learning rate ({@link LearningRateSearch}:
 * lowest final loss, retried with more steps while it is not below the target); then every seed
 * draws a data set and an initialisation N(0, 1/D), shared by all trained potentials, trains each
 * potential full-batch with mirror descent, and scores the weight change in every candidate
 * geometry. Every random stream derives from the root seed by name ({@link Seeds#derive}), so the
 * same parameters give the same bytes. A run that diverges is recorded as diverged and the sweep
 * goes on.
 *
 * <p>With more than one core, the trials of a search train side by side, and so do the seeds of a
 * configuration; every trial and run has its own data, initialisation and optimizer, and libtorch
 * runs each operation on the thread that calls it, so the outputs are the same bytes as on one
 * thread, recorded and written in the same order.
 */
final class LinregSweep {
    private final LinregParams params;
    private final List<Potential> trained;
    private final List<Potential> candidates;
    private final LinregOutputs outputs;
    private final Progress progress;
    private final TrackedRun tracking;
    private final List<LinregRun> runs = new ArrayList<>();
    private final List<LinregSearch> searches = new ArrayList<>();
    private final int threads;
    private ForkJoinPool pool;

    LinregSweep(LinregParams params, LinregOutputs outputs, PrintWriter err, TrackedRun tracking, int threads) {
        this.params = params;
        this.threads = threads;
        this.trained = params.trained();
        this.candidates = params.candidatePotentials();
        this.outputs = outputs;
        this.tracking = tracking;
        this.progress = new Progress(err, "linreg", plannedWork(params));
    }

    List<LinregOutputs.Cell> sweep() {
        pool = threads > 1 ? new ForkJoinPool(threads) : null;
        try {
            for (double k : params.k()) {
                for (double power : params.power()) {
                    for (int d : params.dims()) {
                        configuration(k, power, d);
                    }
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        List<LinregOutputs.Cell> table = outputs.writeResults(runs, searches);
        LinregCellTracking.logCells(tracking, table, runs);
        return table;
    }

    private void configuration(double k, double power, int d) {
        int n = LinregParams.sampleCount(d, k);
        Map<Potential, LinregSearch> chosen = new LinkedHashMap<>();
        LinearRegressionData slice = data(n, d, power, Seeds.derive(params.seed(), "linreg", "search", fmt(k),
                fmt(power), Integer.toString(d)));
        float[] sliceInit = initialWeights(d, Seeds.derive(params.seed(), "linreg", "search-init", fmt(k),
                fmt(power), Integer.toString(d)));
        try (LinearRegressionTraining training = new LinearRegressionTraining(slice)) {
            for (Potential p : trained) {
                LinregSearch s = LinregSearch.of(p.name(), k, power, d, n, search(training, p, sliceInit, (double) n * d));
                searches.add(s);
                chosen.put(p, s);
                synchronized (progress) {
                    progress.grow((double) params.seeds() * (s.steps() - params.steps()) * n * d);
                    progress.advance(0, String.format(Locale.ROOT, "search %s k=%s power=%s d=%d n=%d: %s", p.name(),
                            fmt(k), fmt(power), d, n, s.summary()));
                }
            }
        }
        if (pool == null) {
            for (int seed = 0; seed < params.seeds(); seed++) {
                finish(trainSeed(chosen, k, power, d, n, seed));
            }
            return;
        }
        pool.submit(() -> IntStream.range(0, params.seeds()).parallel()
                .mapToObj(seed -> trainSeed(chosen, k, power, d, n, seed)).toList()).join().forEach(this::finish);
    }

    /** Writes the snapshots of one seed's runs and records the runs, in trained-potential order. */
    private void finish(List<Trained> seed) {
        for (Trained t : seed) {
            if (t.weights() != null) {
                outputs.writeSnapshots(t.run().runId(), t.init(), t.weights());
            }
            record(t.run());
        }
    }

    /** A run and the weights to write as its snapshots (null when it never trained). */
    private record Trained(LinregRun run, float[] init, float[] weights) {
    }

    /** Draws one seed's data and initialisation and trains and scores every trained potential on them. */
    private List<Trained> trainSeed(Map<Potential, LinregSearch> chosen, double k, double power, int d, int n,
            int seed) {
        String[] names = {"linreg", "data", fmt(k), fmt(power), Integer.toString(d), Integer.toString(seed)};
        LinearRegressionData data = data(n, d, power, Seeds.derive(params.seed(), names));
        names[1] = "init";
        float[] init = initialWeights(d, Seeds.derive(params.seed(), names));
        List<Trained> out = new ArrayList<>();
        try (LinearRegressionTraining training = new LinearRegressionTraining(data)) {
            for (Potential p : trained) {
                out.add(trainAndScore(training, p, chosen.get(p), k, power, d, n, seed, init));
            }
        }
        return out;
    }

    private LearningRateSearch.Result search(LinearRegressionTraining training, Potential p, float[] init,
            double workPerStep) {
        List<Double> grid = LearningRateSearch.logGrid(params.lrMin(), params.lrMax(), params.lrCount());
        return LearningRateSearch.of(grid, params.steps(), params.extraSteps(), params.maxAttempts()).run((lr, steps) -> {
            if (steps > params.steps()) {
                synchronized (progress) {
                    progress.grow((steps - params.steps()) * workPerStep);
                }
            }
            LinearRegressionTraining.Outcome o = training.train(p, init, lr, steps, params.momentum());
            synchronized (progress) {
                progress.advance(steps * workPerStep);
            }
            return Outcome.of(o.finalLoss(), o.finalLoss() < params.targetLoss());
        }, pool);
    }

    private Trained trainAndScore(LinearRegressionTraining training, Potential p, LinregSearch search, double k,
            double power, int d, int n, int seed, float[] init) {
        String runId = String.format(Locale.ROOT, "%s_k%s_pow%s_d%d_s%d", p.name().replace(':', '_'), fmt(k),
                fmt(power), d, seed);
        Map<String, CandidateScore> missing = new LinkedHashMap<>();
        candidates.forEach(c -> missing.put(c.name(), CandidateScore.missing()));
        if (!search.hasRate()) {
            return new Trained(new LinregRun(runId, p.name(), k, power, d, n, seed, Double.NaN, 0, Double.NaN, true, "",
                    missing), init, null);
        }
        LinearRegressionTraining.Outcome o = training.train(p, init, search.chosenLr(), search.steps(),
                params.momentum());
        synchronized (progress) {
            progress.advance((double) search.steps() * n * d);
        }
        if (o.diverged()) {
            return new Trained(new LinregRun(runId, p.name(), k, power, d, n, seed, search.chosenLr(), search.steps(),
                    Double.NaN, true, "", missing), init, o.weights());
        }
        Map<String, CandidateScore> scores = new LinkedHashMap<>();
        String identified = "";
        double best = Double.POSITIVE_INFINITY;
        for (Potential c : candidates) {
            CandidateScore s = CandidateScore.of(DualChange.of(c, init, o.weights()));
            scores.put(c.name(), s);
            if (s.deltaCdf() < best) {
                best = s.deltaCdf();
                identified = c.name();
            }
        }
        return new Trained(new LinregRun(runId, p.name(), k, power, d, n, seed, search.chosenLr(), search.steps(),
                o.finalLoss(), false, identified, scores), init, o.weights());
    }

    private void record(LinregRun run) {
        runs.add(run);
        String outcome = run.diverged() ? (run.steps() == 0 ? "every learning rate diverged in the search" : "DIVERGED")
                : String.format(Locale.ROOT, "loss %.3g, identified %s", run.finalLoss(), run.identified());
        synchronized (progress) {
            progress.advance(0, run.runId() + ": " + outcome);
        }
    }

    private LinearRegressionData data(int n, int d, double power, long seed) {
        return LinearRegressionData.generate(n, d, power, params.correlationScale(), params.inputNoise(), seed);
    }

    /** w₀ ~ N(0, 1/D), the paper's initialisation of the linear layer. */
    static float[] initialWeights(int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] w = new float[d];
        double std = 1.0 / Math.sqrt(d);
        for (int i = 0; i < d; i++) {
            w[i] = (float) (rng.nextGaussian() * std);
        }
        return w;
    }

    /** Work units (multiply-adds per step × steps) planned before any retry. */
    private static double plannedWork(LinregParams p) {
        double total = 0;
        for (double k : p.k()) {
            for (int d : p.dims()) {
                double perRun = (double) LinregParams.sampleCount(d, k) * d * p.steps();
                total += p.power().size() * p.trainedPotentials().size() * perRun * (p.lrCount() + p.seeds());
            }
        }
        return total;
    }

    /** A number without a trailing ".0": 2.0 → "2", 0.5 → "0.5". */
    static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
