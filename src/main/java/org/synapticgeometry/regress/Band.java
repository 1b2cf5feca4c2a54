package org.synapticgeometry.regress;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The range a figure may take without counting as moved, from the seed spread of the run that made the
 * baseline. A figure that is a mean over m seeds with sample sd s: a code change that only reshuffles
 * random streams moves the mean by a difference of two independent means (sd s·√(2/m)), so the band is
 * mean ± (4·s·√(2/m) + ε) with ε the kind's {@link FigureKind#absoluteTolerance()} (one seed: no s
 * term). A sd from fewer than {@value #FEW_SEEDS} seeds is too uncertain to trust alone (with two seeds it is
 * below a third of the true sd one time in four), so such a figure uses the larger of its own s and the
 * pooled sd of its group ({@link #pooledSd}). Identification of m runs, c correct: at most ⌈2·√(m·p·(1−p))⌉ correct runs may be lost (binomial
 * sd, p = c/m clipped to [1/m, 1 − 1/m]; one run: none), and a majority in the baseline must stay one.
 *
 * @param seeds m, the runs the figure is taken over
 * @param mean the baseline's mean (for identification: the fraction identified, c/m)
 * @param sd the sample sd over seeds (identification: none, 0)
 * @param pooledSd the root-mean-square sd of the figures of its group (same kind, architecture and size),
 *     used instead of {@code sd} when larger and the figure has fewer than {@value #FEW_SEEDS} seeds; null when
 *     not used
 * @param low the lowest value inside
 * @param high the highest value inside
 * @param correct identification only: c, runs identified as trained
 * @param minCorrect identification only: the fewest correct runs inside
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Band(int seeds, double mean, double sd, Double pooledSd, double low, double high, Integer correct,
        Integer minCorrect) {
    /** Figures over fewer seeds than this take the pooled sd of their group when it is larger. */
    public static final int FEW_SEEDS = 5;
    private static final double SD_MULTIPLE = 4;
    private static final double BINOMIAL_SDS = 2;

    /** Checks the counts. */
    public Band {
        if (seeds < 1) {
            throw new IllegalArgumentException("a band needs at least one seed, found " + seeds);
        }
        if ((correct == null) != (minCorrect == null)) {
            throw new IllegalArgumentException("an identification band needs both correct and min_correct");
        }
    }

    /**
     * The band of a mean over seeds.
     *
     * @param values one value per seed, all finite
     * @param absoluteTolerance ε
     * @param groupSd the pooled sd of the figure's group (see {@link #pooledSd})
     */
    public static Band ofMean(List<Double> values, double absoluteTolerance, double groupSd) {
        int m = values.size();
        double mean = mean(values);
        double s = sampleSd(values);
        Double pooled = m < FEW_SEEDS && groupSd > s ? groupSd : null;
        double half = SD_MULTIPLE * (pooled == null ? s : pooled) * Math.sqrt(2.0 / m) + absoluteTolerance;
        return new Band(m, mean, s, pooled, mean - half, mean + half, null, null);
    }

    /**
     * The band of an identification count.
     *
     * @param hits one value per run: 1 identified as trained, 0 not
     */
    public static Band ofIdentification(List<Double> hits) {
        int m = hits.size();
        int c = (int) Math.round(hits.stream().mapToDouble(Double::doubleValue).sum());
        double p = m > 1 ? Math.min(Math.max((double) c / m, 1.0 / m), 1 - 1.0 / m) : 1.0;
        int floor = Math.max(0, c - (int) Math.ceil(BINOMIAL_SDS * Math.sqrt(m * p * (1 - p))));
        if (2 * c > m) {
            floor = Math.max(floor, m / 2 + 1);
        }
        return new Band(m, (double) c / m, 0.0, null, (double) floor / m, 1.0, c, floor);
    }

    /** True for an identification band. */
    @JsonIgnore
    public boolean isCount() {
        return correct != null;
    }

    /** True when {@code value} (a mean, or a number of correct runs for identification) is inside. */
    public boolean admits(double value) {
        return isCount() ? value >= minCorrect : low <= value && value <= high;
    }

    /** The baseline's value in the figure's own unit: the mean, or the number of correct runs. */
    public double centre() {
        return isCount() ? correct : mean;
    }

    /**
     * How far {@code value} sits from the baseline, in units of the room the band allows (inside ≤ 1 < outside
     * for a mean; for identification, lost runs over allowed losses + ½, so losing one more than allowed is > 1).
     * Gains in identification are 0; a value that is not finite is infinitely far.
     */
    public double severity(double value) {
        if (!Double.isFinite(value)) {
            return Double.POSITIVE_INFINITY;
        }
        if (isCount()) {
            return Math.max(0.0, correct - value) / (correct - minCorrect + 0.5);
        }
        double room = value >= mean ? high - mean : mean - low;
        return Math.abs(value - mean) / room;
    }

    /** The band as text: {@code [0.0414, 0.1285]} or {@code ≥ 28/30}. */
    public String describe() {
        return isCount() ? "≥ " + minCorrect + "/" + seeds : "[" + Reports.number(low) + ", " + Reports.number(high) + "]";
    }

    static double mean(List<Double> values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.size();
    }

    /** The sample sd (divisor m − 1); 0 for one value. */
    static double sampleSd(List<Double> values) {
        if (values.size() < 2) {
            return 0.0;
        }
        double mean = mean(values);
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (values.size() - 1));
    }
}
