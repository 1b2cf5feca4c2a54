package org.synapticgeometry.stats;

import java.util.stream.IntStream;
import org.synapticgeometry.geometry.HypentropyPotential;
import org.synapticgeometry.geometry.NegativeEntropyPotential;
import org.synapticgeometry.geometry.PNormPotential;
import org.synapticgeometry.geometry.Potential;

/**
 * A candidate's dual map ∇ψ applied to whole arrays, and the dual change Δ = ∇ψ(w_T) − ∇ψ(w₀)
 * written into a float buffer with its moments. The p-norms whose exponent p − 1 is a multiple of
 * ½ (1.5, 2, 2.5, 3: the paper's candidates) use products and one square root instead of
 * {@code Math.pow}; everything else uses {@link Potential#toDual}. Non-finite changes are stored as
 * NaN (they sort last) and counted, never silently used.
 */
abstract class DualMap {
    private static final int CHUNK = 1 << 16;
    private static final ThreadLocal<double[][]> BUFFERS =
            ThreadLocal.withInitial(() -> new double[][] {new double[CHUNK], new double[CHUNK]});

    /** Sums over one range of weights: finite changes, Σ Δ, Σ Δ², Σ ∇ψ(w₀)² over the finite ones. */
    record Moments(long n, long excluded, double sum, double sumSq, double dualInitSq) {
        static final Moments EMPTY = new Moments(0, 0, 0, 0, 0);

        Moments plus(Moments o) {
            return new Moments(n + o.n, excluded + o.excluded, sum + o.sum, sumSq + o.sumSq, dualInitSq + o.dualInitSq);
        }

        double mean() {
            return n == 0 ? Double.NaN : sum / n;
        }

        /** Standard deviation with the n − 1 denominator; NaN below two values. */
        double std() {
            if (n < 2) {
                return Double.NaN;
            }
            double m = sum / n;
            return Math.sqrt(Math.max(0.0, (sumSq - n * m * m) / (n - 1)));
        }

        /** ‖Δ‖₂ / ‖∇ψ(w₀)‖₂. */
        double magnitude() {
            return Math.sqrt(sumSq) / Math.sqrt(dualInitSq);
        }
    }

    /** Maps {@code w[0..len)} into the dual space in place. */
    abstract void map(double[] w, int len);

    /**
     * The power of two by which Δ is multiplied before it is stored as float, so that it neither overflows
     * (weights near 1e37 under the 3-norm give |Δ| near 1e74) nor underflows (weights near 1e-30 give 1e-60):
     * 1 when |∇ψ| of the largest weight lies within 2^±60 (every ordinary run, whose stored values are thus
     * unchanged), else the power of two that brings it near 1. Every statistic but the reported mean and std is
     * scale-free, and those are divided by it again.
     *
     * @param maxAbs the largest finite |w| of the scope
     */
    static double storageScale(Potential candidate, double maxAbs) {
        double bound = 2 * Math.abs(candidate.toDual(maxAbs));
        if (!(bound > 0) || !Double.isFinite(bound) || Math.abs(Math.getExponent(bound)) <= 60) {
            return 1.0;
        }
        return Math.scalb(1.0, -Math.getExponent(bound));
    }

    /** A power of two (1 within 2^±60) bringing the largest |value| of {@code v[0..n)} near 1. */
    static double storageScale(double[] v, int n) {
        double max = 0.0;
        for (int i = 0; i < n; i++) {
            double a = Math.abs(v[i]);
            max = a > max && Double.isFinite(a) ? a : max;
        }
        if (!(max > 0) || Math.abs(Math.getExponent(max)) <= 60) {
            return 1.0;
        }
        return Math.scalb(1.0, -Math.getExponent(max));
    }

    /**
     * The one place where this package maps a potential family to its dual map over arrays; a new
     * family does not compile until it has a case here.
     */
    private static final Potential.Visitor<DualMap> REGISTRY = new Potential.Visitor<>() {
        @Override
        public DualMap pNorm(PNormPotential p) {
            return isHalfInteger(p.p() - 1.0) ? new HalfIntegerPower(p.p() - 1.0) : new Generic(p);
        }

        @Override
        public DualMap negativeEntropy(NegativeEntropyPotential p) {
            return new NegativeEntropy();
        }

        @Override
        public DualMap hypentropy(HypentropyPotential p) {
            return new Generic(p);
        }
    };

    /** The fast dual map of a candidate. */
    static DualMap of(Potential candidate) {
        return candidate.accept(REGISTRY);
    }

    private static boolean isHalfInteger(double q) {
        return q > 0 && q <= 8 && Math.rint(2 * q) == 2 * q;
    }

    /**
     * Writes Δ·{@code scale} for {@code w0[0..len)}, {@code w1[0..len)} into {@code out[outFrom..)}, in
     * parallel over fixed chunks whose sums (of Δ itself, in double) are combined in order (thread-count
     * independent).
     */
    Moments fill(Weights w0, Weights w1, int len, float[] out, int outFrom, double scale) {
        int chunks = (len + CHUNK - 1) / CHUNK;
        Moments[] parts = new Moments[chunks];
        IntStream range = IntStream.range(0, chunks);
        (chunks > 1 ? range.parallel() : range).forEach(c -> {
            int start = c * CHUNK;
            parts[c] = fillChunk(w0, w1, start, Math.min(CHUNK, len - start), out, outFrom + start, scale);
        });
        Moments total = Moments.EMPTY;
        for (Moments m : parts) {
            total = total.plus(m);
        }
        return total;
    }

    private Moments fillChunk(Weights w0, Weights w1, int start, int len, float[] out, int outStart, double scale) {
        double[][] buf = BUFFERS.get();
        double[] d0 = buf[0];
        double[] d1 = buf[1];
        w0.copyTo(start, len, d0);
        w1.copyTo(start, len, d1);
        map(d0, len);
        map(d1, len);
        long n = 0;
        double sum = 0.0;
        double sumSq = 0.0;
        double initSq = 0.0;
        for (int i = 0; i < len; i++) {
            double d = d1[i] - d0[i];
            if (Double.isFinite(d) && Double.isFinite(d0[i])) {
                out[outStart + i] = (float) (d * scale);
                n++;
                sum += d;
                sumSq += d * d;
                initSq += d0[i] * d0[i];
            } else {
                out[outStart + i] = Float.NaN;
            }
        }
        return new Moments(n, len - n, sum, sumSq, initSq);
    }

    /** sign(w)·|w|^q for q a positive multiple of ½: repeated products and one square root. */
    private static final class HalfIntegerPower extends DualMap {
        private final int whole;
        private final boolean half;

        HalfIntegerPower(double q) {
            this.whole = (int) Math.floor(q);
            this.half = q != whole;
        }

        @Override
        void map(double[] w, int len) {
            for (int i = 0; i < len; i++) {
                double x = w[i];
                double a = Math.abs(x);
                double r = half ? Math.sqrt(a) : 1.0;
                for (int k = 0; k < whole; k++) {
                    r *= a;
                }
                w[i] = x < 0 ? -r : (x == 0 ? 0.0 : r);
            }
        }
    }

    /** sign(w)·(log|w| + 1); NaN at 0. */
    private static final class NegativeEntropy extends DualMap {
        @Override
        void map(double[] w, int len) {
            for (int i = 0; i < len; i++) {
                double x = w[i];
                double v = Math.log(Math.abs(x)) + 1.0;
                w[i] = x == 0.0 ? Double.NaN : (x < 0 ? -v : v);
            }
        }
    }

    /** Any other potential through its scalar reference. */
    private static final class Generic extends DualMap {
        private final Potential potential;

        Generic(Potential potential) {
            this.potential = potential;
        }

        @Override
        void map(double[] w, int len) {
            for (int i = 0; i < len; i++) {
                w[i] = potential.toDual(w[i]);
            }
        }
    }
}
