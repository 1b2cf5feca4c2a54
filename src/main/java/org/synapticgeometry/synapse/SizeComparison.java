package org.synapticgeometry.synapse;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.synapticgeometry.data.Seeds;

/**
 * Fits every candidate's size model to one sample (or a before/after pair), ranks them, and with a
 * bootstrap replaces the Wald intervals by percentile intervals and counts how often each candidate
 * ranks first when the sizes are resampled. Immutable; the same input and seed give the same result.
 */
public final class SizeComparison {
    private final SizeFitter fitter;
    private final List<Candidate> candidates;
    private final int bootstrap;
    private final long seed;

    private SizeComparison(SizeFitter fitter, List<Candidate> candidates, int bootstrap, long seed) {
        this.fitter = fitter;
        this.candidates = List.copyOf(candidates);
        this.bootstrap = bootstrap;
        this.seed = seed;
    }

    /**
     * A comparison of {@code candidates} with {@code bootstrap} resamples (0 for none) drawn from
     * {@code seed}.
     *
     * @throws IllegalArgumentException if there are no candidates or bootstrap is negative
     */
    public static SizeComparison of(SizeFitter fitter, List<Candidate> candidates, int bootstrap, long seed) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("--candidates must name at least one potential");
        }
        if (bootstrap < 0) {
            throw new IllegalArgumentException("--bootstrap must be >= 0, found " + bootstrap);
        }
        return new SizeComparison(fitter, candidates, bootstrap, seed);
    }

    /** The result for one group: its ranking and, with a bootstrap, how often each candidate ranked first. */
    public record Result(String group, List<RankedCandidate> ranking, Map<String, Double> firstInBootstrap) {
        /** Compact constructor: copies. */
        public Result {
            ranking = List.copyOf(ranking);
            firstInBootstrap = Map.copyOf(firstInBootstrap);
        }

        /** The best candidate. */
        public RankedCandidate best() {
            return ranking.get(0);
        }
    }

    /**
     * Fits and ranks every candidate on {@code samples} (one sample, or before and after).
     *
     * @param progress where a line per fitted candidate goes (elapsed time and ETA)
     */
    public Result compare(String group, List<double[]> samples, PrintWriter progress) {
        long start = System.nanoTime();
        List<CandidateFit> fits = new ArrayList<>();
        for (Candidate c : candidates) {
            fits.add(fitter.fit(c, samples));
            report(progress, group + ": fitted " + c.name(), fits.size(), candidates.size(), start);
        }
        Map<String, Double> first = Map.of();
        if (bootstrap > 0) {
            Bootstrap b = runBootstrap(group, samples, fits, progress);
            fits = b.withIntervals(fits);
            first = b.firstFrequency();
        }
        return new Result(group, Ranking.of(fits), first);
    }

    private Bootstrap runBootstrap(String group, List<double[]> samples, List<CandidateFit> fits,
            PrintWriter progress) {
        Bootstrap b = new Bootstrap(fits);
        long start = System.nanoTime();
        for (int r = 0; r < bootstrap; r++) {
            SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "bootstrap", group, Integer.toString(r)));
            List<double[]> resample = samples.stream().map(s -> resample(s, rng)).toList();
            List<CandidateFit> refits = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                refits.add(fitter.refit(candidates.get(i), resample, fits.get(i).point()));
            }
            b.add(refits);
            if ((r + 1) % Math.max(1, bootstrap / 10) == 0) {
                report(progress, group + ": bootstrap resample", r + 1, bootstrap, start);
            }
        }
        return b;
    }

    private static double[] resample(double[] sizes, SplittableRandom rng) {
        double[] out = new double[sizes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = sizes[rng.nextInt(sizes.length)];
        }
        return out;
    }

    private static void report(PrintWriter progress, String what, int done, int total, long startNanos) {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double eta = elapsed / done * (total - done);
        progress.printf(Locale.ROOT, "fit-sizes: %s (%d/%d), %.1f s elapsed, ETA %.1f s%n", what, done, total,
                elapsed, eta);
        progress.flush();
    }

    /** Collects bootstrap refits: parameter values per candidate and who ranked first. */
    private static final class Bootstrap {
        private final List<Map<String, List<Double>>> values = new ArrayList<>();
        private final Map<String, Integer> firsts = new LinkedHashMap<>();
        private int resamples;

        Bootstrap(List<CandidateFit> fits) {
            for (CandidateFit f : fits) {
                Map<String, List<Double>> m = new LinkedHashMap<>();
                f.estimates().forEach(e -> m.put(e.name(), new ArrayList<>()));
                values.add(m);
                firsts.put(f.candidate(), 0);
            }
        }

        void add(List<CandidateFit> refits) {
            for (int i = 0; i < refits.size(); i++) {
                Map<String, List<Double>> m = values.get(i);
                refits.get(i).estimates().forEach(e -> m.get(e.name()).add(e.estimate()));
            }
            firsts.merge(Ranking.of(refits).get(0).fit().candidate(), 1, Integer::sum);
            resamples++;
        }

        List<CandidateFit> withIntervals(List<CandidateFit> fits) {
            List<CandidateFit> out = new ArrayList<>();
            for (int i = 0; i < fits.size(); i++) {
                Map<String, List<Double>> m = values.get(i);
                out.add(fits.get(i).withEstimates(fits.get(i).estimates().stream()
                        .map(e -> e.withInterval(quantile(m.get(e.name()), 0.025), quantile(m.get(e.name()), 0.975)))
                        .toList()));
            }
            return out;
        }

        Map<String, Double> firstFrequency() {
            Map<String, Double> out = new LinkedHashMap<>();
            firsts.forEach((k, v) -> out.put(k, (double) v / resamples));
            return out;
        }

        private static double quantile(List<Double> xs, double q) {
            double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double pos = q * (s.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(s.length - 1, lo + 1);
            return s[lo] + (pos - lo) * (s[hi] - s[lo]);
        }
    }
}
