package org.synapticgeometry.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.descriptive.moment.Kurtosis;
import org.apache.commons.math3.stat.descriptive.moment.Skewness;
import org.synapticgeometry.geometry.Potential;

/**
 * Scores one run's weight change in candidate geometries, scope by scope. Holds a single float
 * work buffer the size of all scored weights and reuses it for every candidate and scope, so a run
 * of n weights needs the two snapshots plus one more float array of n values, whatever the number
 * of candidates: the dual change is written into the buffer, sorted in place, and every statistic
 * is read off the sorted values.
 *
 * <p>Not thread-safe (one buffer); each call uses all cores internally.
 */
public final class WeightChangeScorer {
    private final List<WeightLayer> layers;
    private final int[] offsets;
    private final int total;
    private final Scopes scopes;
    private final StatisticSet set;
    private final float[] work;
    private final double maxAbs;

    private WeightChangeScorer(List<WeightLayer> layers, Scopes scopes, StatisticSet set) {
        this.layers = List.copyOf(layers);
        this.offsets = new int[layers.size() + 1];
        for (int l = 0; l < layers.size(); l++) {
            long next = (long) offsets[l] + layers.get(l).size();
            if (next > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a run may hold at most " + (Integer.MAX_VALUE - 8)
                        + " scored weights, found more; select fewer layers");
            }
            offsets[l + 1] = (int) next;
        }
        this.total = offsets[layers.size()];
        this.scopes = scopes;
        this.set = set;
        this.work = new float[total];
        this.maxAbs = layers.stream().mapToDouble(l -> Math.max(maxAbs(l.init()), maxAbs(l.fin()))).max().orElse(0.0);
    }

    private static double maxAbs(Weights w) {
        double max = 0.0;
        for (int i = 0; i < w.size(); i++) {
            double a = Math.abs(w.get(i));
            max = a > max && a != Double.POSITIVE_INFINITY ? a : max;
        }
        return max;
    }

    /**
     * A scorer for the given layers.
     *
     * @throws IllegalArgumentException if there is no layer or more than 2³¹ − 9 weights
     */
    public static WeightChangeScorer of(List<WeightLayer> layers, Scopes scopes, StatisticSet set) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one scored layer, found none");
        }
        return new WeightChangeScorer(layers, scopes, set);
    }

    /** The scores of one candidate: scope name → statistics, in the order pooled, standardized, layers. */
    public record CandidateScores(Potential candidate, Map<String, ScopeStatistics> scopes, double[] layerStd) {
        /** Copies the map and the array. */
        public CandidateScores {
            scopes = Collections.unmodifiableMap(new LinkedHashMap<>(scopes));
            layerStd = layerStd.clone();
        }

        /** Standard deviation of Δ per layer (n − 1 denominator), in layer order (a copy). */
        @Override
        public double[] layerStd() {
            return layerStd.clone();
        }
    }

    /** The layers, in scoring order. */
    public List<WeightLayer> layers() {
        return layers;
    }

    /** Scores the change in {@code candidate}'s dual space in every selected scope. */
    public CandidateScores score(Potential candidate) {
        DualMap map = DualMap.of(candidate);
        double scale = DualMap.storageScale(candidate, maxAbs);
        DualMap.Moments[] moments = fillAll(map, scale);
        DualMap.Moments pooled = Arrays.stream(moments).reduce(DualMap.Moments.EMPTY, DualMap.Moments::plus);
        double[] std = Arrays.stream(moments).mapToDouble(DualMap.Moments::std).toArray();
        Map<String, ScopeStatistics> layerScores = new LinkedHashMap<>();
        ScopeStatistics standardized = null;
        boolean multi = layers.size() > 1;
        if (multi && (scopes.layers() || scopes.standardized())) {
            for (int l = 0; l < layers.size(); l++) {
                FloatSort.sort(work, offsets[l], offsets[l + 1]);
                if (scopes.layers()) {
                    layerScores.put(Scopes.layer(layers.get(l).name()), describe(offsets[l], (int) moments[l].n(),
                            moments[l].excluded(), moments[l].magnitude(), scale));
                }
            }
            if (scopes.standardized()) {
                standardized = standardize(std, pooled, scale);
            }
            if (scopes.pooled()) {
                fillAll(map, scale);
            }
        }
        Map<String, ScopeStatistics> out = new LinkedHashMap<>();
        if (scopes.pooled() || (!multi && scopes.standardized())) {
            FloatSort.sort(work, 0, total);
            ScopeStatistics p = describe(0, (int) pooled.n(), pooled.excluded(), pooled.magnitude(), scale);
            if (scopes.pooled()) {
                out.put(Scopes.POOLED, p);
            }
            standardized = multi ? standardized : p;
        }
        if (standardized != null) {
            out.put(Scopes.STANDARDIZED, standardized);
        }
        out.putAll(layerScores);
        return new CandidateScores(candidate, out, std);
    }

    /**
     * The work buffer, free for scratch use between calls to {@link #score} (e.g. for readouts
     * that need one more array of the run's size).
     */
    public float[] scratch() {
        return work;
    }

    private DualMap.Moments[] fillAll(DualMap map, double scale) {
        DualMap.Moments[] moments = new DualMap.Moments[layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            WeightLayer layer = layers.get(l);
            moments[l] = map.fill(layer.init(), layer.fin(), layer.size(), work, offsets[l], scale);
        }
        return moments;
    }

    /**
     * Divides each (sorted) layer segment, stored as Δ·{@code stored}, by its own std, then sorts and scores
     * the pooled result.
     */
    private ScopeStatistics standardize(double[] std, DualMap.Moments pooled, double stored) {
        long n = 0;
        for (int l = 0; l < layers.size(); l++) {
            boolean usable = std[l] > 0 && Double.isFinite(std[l]);
            float scale = usable ? (float) (stored == 1.0 ? 1.0 / std[l] : 1.0 / (std[l] * stored)) : Float.NaN;
            for (int i = offsets[l]; i < offsets[l + 1]; i++) {
                work[i] *= scale;
            }
            if (usable) {
                n += countFinite(offsets[l], offsets[l + 1]);
            }
        }
        FloatSort.sort(work, 0, total);
        return describe(0, (int) n, total - n, pooled.magnitude(), 1.0);
    }

    private long countFinite(int from, int to) {
        long c = 0;
        for (int i = from; i < to; i++) {
            if (!Float.isNaN(work[i])) {
                c++;
            }
        }
        return c;
    }

    /**
     * All statistics of the sorted finite values {@code work[from .. from+n)}, stored as Δ·{@code scale}
     * (the reported mean and std are of Δ itself).
     */
    private ScopeStatistics describe(int from, int n, long excluded, double magnitude, double scale) {
        double mean = mean(from, n);
        double std = std(from, n, mean);
        SortedPass.Result raw = SortedPass.run(work, from, n, 0.0, std, false);
        double floor = n == 0 ? Double.NaN : DeltaCdf.gaussianFloor(n);
        if (set == StatisticSet.QUICK) {
            return new ScopeStatistics(n, excluded, raw.exact(), Double.NaN, Double.NaN, Double.NaN, magnitude,
                    raw.ks(), Double.NaN, Double.NaN, Double.NaN, floor, mean / scale, std / scale);
        }
        SortedPass.Result centred = SortedPass.run(work, from, n, mean, std, true);
        Skewness skewness = new Skewness();
        Kurtosis kurtosis = new Kurtosis();
        for (int i = from; i < from + n; i++) {
            skewness.increment(work[i]);
            kurtosis.increment(work[i]);
        }
        return new ScopeStatistics(n, excluded, raw.exact(), centred.exact(), raw.grid(), centred.grid(), magnitude,
                raw.ks(), centred.andersonDarling(), skewness.getResult(), kurtosis.getResult(), floor, mean / scale,
                std / scale);
    }

    private double mean(int from, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        return chunkedSum(from, n, 0.0, false) / n;
    }

    private double std(int from, int n, double mean) {
        if (n < 2) {
            return Double.NaN;
        }
        return Math.sqrt(chunkedSum(from, n, mean, true) / (n - 1));
    }

    /** Σ x (or Σ (x − mean)²) over fixed chunks combined in order, so results are thread-count independent. */
    private double chunkedSum(int from, int n, double mean, boolean squares) {
        int chunks = (n + SortedPass.CHUNK - 1) / SortedPass.CHUNK;
        double[] parts = new double[chunks];
        IntStream range = IntStream.range(0, chunks);
        (chunks > 1 ? range.parallel() : range).forEach(c -> {
            int start = from + c * SortedPass.CHUNK;
            int end = Math.min(from + n, start + SortedPass.CHUNK);
            double s = 0.0;
            for (int i = start; i < end; i++) {
                double d = work[i] - mean;
                s += squares ? d * d : work[i];
            }
            parts[c] = s;
        });
        double s = 0.0;
        for (double p : parts) {
            s += p;
        }
        return s;
    }

    /** The names of all scopes this scorer reports, in output order. */
    public List<String> scopeNames() {
        List<String> names = new ArrayList<>();
        if (scopes.pooled()) {
            names.add(Scopes.POOLED);
        }
        if (scopes.standardized()) {
            names.add(Scopes.STANDARDIZED);
        }
        if (scopes.layers() && layers.size() > 1) {
            layers.forEach(l -> names.add(Scopes.layer(l.name())));
        }
        return names;
    }
}
