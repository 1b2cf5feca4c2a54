package org.synapticgeometry.stats;

import java.util.List;

/**
 * Excitatory/inhibitory readouts of a weight change: how many weights changed sign (impossible
 * under negative entropy), how many are exactly zero before and after, and how log-normal |w| is
 * among the positive and among the negative weights, before and after (the exact centred ΔCDF of
 * standardised log|w|: low means log-normal).
 *
 * @param weights weights counted
 * @param signFlipFraction fraction of weights with w₀·w_T &lt; 0
 * @param zerosInit weights exactly 0 before
 * @param zerosFinal weights exactly 0 after
 * @param positiveInit log-normality of the positive weights before
 * @param positiveFinal log-normality of the positive weights after
 * @param negativeInit log-normality of |w| of the negative weights before
 * @param negativeFinal log-normality of |w| of the negative weights after
 */
public record SignReadout(long weights, double signFlipFraction, long zerosInit, long zerosFinal,
        LogNormality positiveInit, LogNormality positiveFinal, LogNormality negativeInit, LogNormality negativeFinal) {

    /**
     * How log-normal one group of weights is.
     *
     * @param n weights in the group
     * @param deltaCdf exact ΔCDF of (log|w| − mean)/std; NaN below two weights
     */
    public record LogNormality(long n, double deltaCdf) {
    }

    /**
     * Computes the readouts of the layers, using {@code scratch} (at least as long as all layers
     * together) as working memory.
     */
    public static SignReadout of(List<WeightLayer> layers, float[] scratch) {
        long weights = 0;
        long flips = 0;
        long zeros0 = 0;
        long zeros1 = 0;
        for (WeightLayer l : layers) {
            Weights a = l.init();
            Weights b = l.fin();
            for (int i = 0; i < a.size(); i++) {
                double x = a.get(i);
                double y = b.get(i);
                if ((x > 0 && y < 0) || (x < 0 && y > 0)) {
                    flips++;
                }
                zeros0 += x == 0 ? 1 : 0;
                zeros1 += y == 0 ? 1 : 0;
            }
            weights += a.size();
        }
        double fraction = weights == 0 ? Double.NaN : (double) flips / weights;
        return new SignReadout(weights, fraction, zeros0, zeros1,
                logNormality(layers, true, true, scratch), logNormality(layers, true, false, scratch),
                logNormality(layers, false, true, scratch), logNormality(layers, false, false, scratch));
    }

    private static LogNormality logNormality(List<WeightLayer> layers, boolean positive, boolean before,
            float[] scratch) {
        int n = 0;
        double sum = 0.0;
        for (WeightLayer l : layers) {
            Weights ws = before ? l.init() : l.fin();
            for (int i = 0; i < ws.size(); i++) {
                double w = ws.get(i);
                if (positive ? w > 0 : w < 0) {
                    float v = (float) Math.log(Math.abs(w));
                    if (Float.isFinite(v)) {
                        scratch[n++] = v;
                        sum += v;
                    }
                }
            }
        }
        if (n < 2) {
            return new LogNormality(n, Double.NaN);
        }
        double mean = sum / n;
        double ss = 0.0;
        for (int i = 0; i < n; i++) {
            ss += (scratch[i] - mean) * (scratch[i] - mean);
        }
        FloatSort.sort(scratch, 0, n);
        return new LogNormality(n, DeltaCdf.exact(scratch, n, mean, Math.sqrt(ss / (n - 1))));
    }
}
