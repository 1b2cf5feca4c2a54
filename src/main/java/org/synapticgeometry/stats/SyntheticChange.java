package org.synapticgeometry.stats;

import java.util.SplittableRandom;
import org.synapticgeometry.geometry.Potential;

/**
 * The paper's synthetic robustness data: initial weights log-normal with random signs, or normal;
 * a Gaussian perturbation added in the true potential's dual space; final weights mapped back.
 * Under the true potential Δ is exactly Gaussian. Seeded and reproducible across Java versions.
 */
public final class SyntheticChange {
    /** Initial weight distributions. */
    public enum Init {
        /** exp(N(0, 1)) with random signs. */
        LOG_NORMAL,
        /** N(0, 1). */
        NORMAL
    }

    private SyntheticChange() {
    }

    /** Initial weights: exp(N(0, 1)) with random signs, or N(0, 1). */
    public static float[] initial(Init kind, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            double g = gaussian(r);
            w[i] = (float) (kind == Init.LOG_NORMAL ? (r.nextBoolean() ? 1 : -1) * Math.exp(g) : g);
        }
        return w;
    }

    /**
     * Final weights: (∇ψ)⁻¹(∇ψ(w₀) + σ·ξ) with σ = {@code relative} × the spread of ∇ψ(w₀).
     */
    public static float[] perturbed(Potential truth, float[] w0, double relative, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double sum = 0;
        double sumSq = 0;
        for (float w : w0) {
            double d = truth.toDual(w);
            sum += d;
            sumSq += d * d;
        }
        double mean = sum / w0.length;
        double sigma = relative * Math.sqrt(sumSq / w0.length - mean * mean);
        float[] w1 = new float[w0.length];
        for (int i = 0; i < w0.length; i++) {
            w1[i] = (float) truth.toPrimal(truth.toDual(w0[i]) + sigma * gaussian(r), w0[i]);
        }
        return w1;
    }

    /** A standard normal draw by inversion (reproducible across Java versions). */
    public static double gaussian(SplittableRandom r) {
        return Normal.inverseCdf(r.nextDouble(1e-300, 1.0));
    }
}
