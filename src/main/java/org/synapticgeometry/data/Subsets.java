package org.synapticgeometry.data;

import java.util.Arrays;
import java.util.Random;

/**
 * Seeded subsets of a split: the fine-tuning images N = ⌊D^k⌋ (paper: k = 0.5, "N = √D"), drawn
 * without replacement by a seeded Fisher–Yates shuffle, and the rest of the split as held-out data.
 */
public final class Subsets {
    private Subsets() {
    }

    /**
     * N = ⌊D^k⌋, computed so that exact powers are not lost to rounding (⌊10000^0.5⌋ = 100).
     *
     * @throws IllegalArgumentException if D < 1, k is not in (0, 1], or N exceeds {@code available}
     */
    public static int sizeFor(long scoredWeights, double k, int available) {
        if (scoredWeights < 1) {
            throw new IllegalArgumentException("D must be >= 1, found " + scoredWeights);
        }
        if (!(k > 0 && k <= 1)) {
            throw new IllegalArgumentException("--subset-exponent must be in (0, 1], found " + k);
        }
        double x = Math.pow(scoredWeights, k);
        long n = (long) Math.floor(x);
        if (Math.pow(n + 1, 1 / k) <= scoredWeights) {
            n++;
        } else if (n > 1 && Math.pow(n, 1 / k) > scoredWeights) {
            n--;
        }
        if (n > available) {
            throw new IllegalArgumentException("N = floor(D^k) = floor(" + scoredWeights + "^" + k + ") = " + n
                    + " is larger than the " + available + " images of the test split; lower --subset-exponent or use --subset-size");
        }
        return (int) Math.max(1, n);
    }

    /**
     * A uniformly random permutation of {@code 0..total-1} from {@code seed}; its first N entries are
     * the subset and the rest the held-out part.
     */
    public static int[] permutation(int total, long seed) {
        int[] idx = new int[total];
        Arrays.setAll(idx, i -> i);
        shuffle(idx, new Random(seed));
        return idx;
    }

    /** Shuffles {@code a} in place (Fisher–Yates) with the random stream {@code r}. */
    public static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * Splits {@code data} into a seeded subset of {@code n} images and the held-out rest.
     *
     * @throws IllegalArgumentException if {@code n} is not in [1, data.size()]
     */
    public static Split split(LabeledImages data, int n, long seed) {
        if (n < 1 || n > data.size()) {
            throw new IllegalArgumentException("N must be in [1, " + data.size() + "] (the size of the test split),"
                    + " found " + n);
        }
        int[] perm = permutation(data.size(), seed);
        return new Split(data.subset(Arrays.copyOfRange(perm, 0, n)),
                data.subset(Arrays.copyOfRange(perm, n, perm.length)));
    }

    /** A subset and the rest of its split. */
    public record Split(LabeledImages subset, LabeledImages rest) {
    }
}
