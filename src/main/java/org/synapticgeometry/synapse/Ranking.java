package org.synapticgeometry.synapse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks candidate fits by BIC (lower is better) and says how strongly each is ruled out. BIC, not
 * AIC, orders the candidates because hypentropy nests negative entropy (β → 0) and the 2-norm
 * (β → ∞) with one extra parameter: BIC's ln n penalty keeps a true nested potential first, where
 * AIC would prefer the richer model in about 8% of samples. ΔBIC is read on the Kass–Raftery (1995)
 * scale: ≤ 2 not distinguishable, 2–6 positive, 6–10 strong, &gt; 10 very strong evidence against.
 */
public final class Ranking {
    /** ΔBIC above which a candidate is called ruled out. */
    public static final double RULED_OUT = 10.0;

    private Ranking() {
    }

    /**
     * The fits ordered by BIC, best first; ties keep the input order.
     *
     * @throws IllegalArgumentException if {@code fits} is empty
     */
    public static List<RankedCandidate> of(List<CandidateFit> fits) {
        if (fits.isEmpty()) {
            throw new IllegalArgumentException("nothing to rank: no candidate was fitted");
        }
        List<CandidateFit> sorted = new ArrayList<>(fits);
        sorted.sort(Comparator.comparingDouble(CandidateFit::bic));
        double bestBic = sorted.get(0).bic();
        double bestAic = fits.stream().mapToDouble(CandidateFit::aic).min().orElseThrow();
        double norm = sorted.stream().mapToDouble(f -> Math.exp(-0.5 * (f.bic() - bestBic))).sum();
        List<RankedCandidate> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            CandidateFit f = sorted.get(i);
            double d = f.bic() - bestBic;
            out.add(new RankedCandidate(i + 1, f, d, f.aic() - bestAic, Math.exp(-0.5 * d) / norm,
                    verdict(i == 0, d)));
        }
        return List.copyOf(out);
    }

    /** Words for a ΔBIC on the Kass–Raftery scale. */
    static String verdict(boolean best, double deltaBic) {
        if (best) {
            return "best";
        }
        if (deltaBic <= 2.0) {
            return "not distinguishable from the best";
        }
        if (deltaBic <= 6.0) {
            return "positive evidence against";
        }
        if (deltaBic <= RULED_OUT) {
            return "strong evidence against";
        }
        return "ruled out (very strong evidence against)";
    }
}
