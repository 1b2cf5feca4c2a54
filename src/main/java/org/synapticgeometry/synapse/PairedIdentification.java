package org.synapticgeometry.synapse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.stats.DeltaCdf;
import org.synapticgeometry.stats.DualChange;

/**
 * Paired sizes (the same synapses before and after learning) need no mixture model: the score
 * stage's identification applies directly. Each candidate's dual change Δ = ∇ψ(after) − ∇ψ(before)
 * is scored by ΔCDF ({@link DualChange}); the lowest ΔCDF identifies the geometry.
 */
public final class PairedIdentification {

    /**
     * One candidate's score on paired sizes.
     *
     * @param candidate potential name
     * @param rank 1 for the lowest ΔCDF
     * @param n number of changes scored
     * @param excluded pairs excluded because a dual value was not finite
     * @param deltaCdf exact uncentred ΔCDF (the paper's score)
     * @param deltaCdfCentered exact centred ΔCDF
     * @param floor the ΔCDF a truly Gaussian change of n values scores, about 1.2/√n
     */
    public record Score(String candidate, int rank, int n, long excluded, double deltaCdf, double deltaCdfCentered,
            double floor) {
    }

    private PairedIdentification() {
    }

    /**
     * Scores each candidate on the paired sizes, best first.
     *
     * @throws IllegalArgumentException if the arrays differ in length or there are no candidates
     */
    public static List<Score> score(List<Potential> candidates, double[] before, double[] after) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("--candidates must name at least one potential");
        }
        float[] b = toFloat(before);
        float[] a = toFloat(after);
        List<Score> raw = new ArrayList<>();
        for (Potential p : candidates) {
            DualChange d = DualChange.of(p, b, a);
            raw.add(new Score(p.name(), 0, d.n(), d.excluded(), d.deltaCdf(), d.deltaCdfCentered(),
                    DeltaCdf.gaussianFloor(d.n())));
        }
        raw.sort(Comparator.comparingDouble(Score::deltaCdf));
        List<Score> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Score s = raw.get(i);
            out.add(new Score(s.candidate(), i + 1, s.n(), s.excluded(), s.deltaCdf(), s.deltaCdfCentered(), s.floor()));
        }
        return List.copyOf(out);
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }
}
