package org.synapticgeometry.synapse;

import java.util.SplittableRandom;
import org.synapticgeometry.geometry.Potential;

/** Draws sizes from a size model in tests: w = (∇φ)⁻¹(∇φ(c_j) + ξ), keeping only positive sizes. */
public final class SizeSimulation {
    private SizeSimulation() {
    }

    /**
     * n positive sizes from {@code model}; draws on impossible negative sizes are discarded and
     * redrawn (callers choose parameters whose negative mass is negligible).
     */
    public static double[] sample(SizeMixture model, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Potential phi = model.potential();
        double[] c = model.states();
        double[] pi = model.weights();
        double[] out = new double[n];
        int i = 0;
        while (i < n) {
            int j = pickState(pi, rng.nextDouble());
            double w = phi.toPrimal(phi.toDual(c[j]) + model.sigma() * gaussian(rng), c[j]);
            if (w > 0.0) {
                out[i++] = w;
            }
        }
        return out;
    }

    /** One standard normal draw (Box–Muller, one of the pair). */
    public static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    private static int pickState(double[] pi, double u) {
        double acc = 0.0;
        for (int j = 0; j < pi.length - 1; j++) {
            acc += pi[j];
            if (u < acc) {
                return j;
            }
        }
        return pi.length - 1;
    }
}
