package org.synapticgeometry.stats;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.synapticgeometry.geometry.Potential;

/**
 * Bootstrap over weights: each replicate draws m weights with replacement from a scope (the same
 * draw for every candidate, so candidates are compared on paired data) and scores the uncentred
 * exact ΔCDF of each candidate on them. An m-out-of-n bootstrap: with m below n each replicate is
 * noisier than the full data, so the confidence it gives is conservative.
 *
 * <p>Replicates run in parallel, each with its own generator split from the seed in replicate
 * order: the result is the same for any number of threads.
 *
 * @param replicates number of replicates B (0 disables the bootstrap)
 * @param sampleSize weights drawn per replicate, m (capped at the scope's size)
 * @param seed seed of the generator
 */
public record Bootstrap(int replicates, int sampleSize, long seed) {
    /** @throws IllegalArgumentException if B &lt; 0 or m &lt; 2 */
    public Bootstrap {
        if (replicates < 0) {
            throw new IllegalArgumentException("--bootstrap must be >= 0, found " + replicates);
        }
        if (sampleSize < 2) {
            throw new IllegalArgumentException("--bootstrap-size must be >= 2, found " + sampleSize);
        }
    }

    /**
     * One segment of a scope: a layer and the factor its Δ is multiplied by (1 for pooled and layer
     * scopes, 1/std of the layer's Δ in that candidate for the standardized scope).
     */
    public interface Factors {
        /** Factor applied to layer {@code layer}'s changes under candidate {@code candidate}. */
        double of(int candidate, int layer);
    }

    /**
     * ΔCDF of every candidate in every replicate: {@code result[r][c]}, NaN where a replicate has
     * fewer than two finite changes.
     *
     * @param layers the scope's layers
     * @param candidates the candidates, in the order of the result's columns
     * @param factors per-candidate, per-layer factors
     */
    public double[][] deltaCdfs(List<WeightLayer> layers, List<Potential> candidates, Factors factors) {
        long[] cumulative = new long[layers.size() + 1];
        for (int l = 0; l < layers.size(); l++) {
            cumulative[l + 1] = cumulative[l] + layers.get(l).size();
        }
        int m = (int) Math.min(sampleSize, cumulative[layers.size()]);
        DualMap[] maps = candidates.stream().map(DualMap::of).toArray(DualMap[]::new);
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] streams = new SplittableRandom[replicates];
        for (int r = 0; r < replicates; r++) {
            streams[r] = root.split();
        }
        double[][] out = new double[replicates][];
        IntStream.range(0, replicates).parallel().forEach(r ->
                out[r] = replicate(streams[r], m, layers, cumulative, maps, factors));
        return out;
    }

    private static double[] replicate(SplittableRandom rng, int m, List<WeightLayer> layers, long[] cumulative,
            DualMap[] maps, Factors factors) {
        double[] w0 = new double[m];
        double[] w1 = new double[m];
        int[] layerOf = new int[m];
        long total = cumulative[cumulative.length - 1];
        for (int i = 0; i < m; i++) {
            long g = rng.nextLong(total);
            int l = Arrays.binarySearch(cumulative, g);
            l = l >= 0 ? l : -l - 2;
            while (cumulative[l + 1] == g) {
                l++;
            }
            int k = (int) (g - cumulative[l]);
            w0[i] = layers.get(l).init().get(k);
            w1[i] = layers.get(l).fin().get(k);
            layerOf[i] = l;
        }
        double[] d0 = new double[m];
        double[] d1 = new double[m];
        float[] delta = new float[m];
        double[] scores = new double[maps.length];
        double[] factor = new double[layers.size()];
        for (int c = 0; c < maps.length; c++) {
            System.arraycopy(w0, 0, d0, 0, m);
            System.arraycopy(w1, 0, d1, 0, m);
            maps[c].map(d0, m);
            maps[c].map(d1, m);
            boolean scaled = false;
            for (int l = 0; l < factor.length; l++) {
                factor[l] = factors.of(c, l);
                scaled |= factor[l] != 1.0;
            }
            for (int i = 0; i < m; i++) {
                double d = d1[i] - d0[i];
                d = scaled ? d * factor[layerOf[i]] : d;
                d1[i] = Double.isFinite(d0[i]) ? d : Double.NaN;
            }
            double scale = DualMap.storageScale(d1, m);
            int n = 0;
            double sumSq = 0.0;
            double sum = 0.0;
            for (int i = 0; i < m; i++) {
                double d = d1[i] * scale;
                if (Double.isFinite(d)) {
                    delta[n++] = (float) d;
                    sum += d;
                    sumSq += d * d;
                }
            }
            double std = n < 2 ? Double.NaN : Math.sqrt(Math.max(0.0, (sumSq - sum * sum / n) / (n - 1)));
            FloatSort.sort(delta, 0, n);
            scores[c] = SortedPass.exact(delta, 0, n, 0.0, std);
        }
        return scores;
    }
}
