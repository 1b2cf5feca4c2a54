package org.synapticgeometry.stage.linreg;

import java.util.List;
import org.synapticgeometry.optim.LearningRateSearch;

/**
 * The learning-rate search of one (trained potential, k, power, d) configuration, as recorded in
 * {@code linreg.json}.
 *
 * @param trainedPotential potential searched for
 * @param k exponent of N
 * @param power correlation decay exponent
 * @param d input dimension
 * @param n rows of the held-out search slice
 * @param chosenLr the chosen rate, NaN when every rate diverged
 * @param steps steps of the chosen trial (0 when none)
 * @param attempts searches run
 * @param criterionMet whether the chosen trial's loss was below the target
 * @param summary one line: the choice, or that every rate diverged
 * @param trials every trial in order
 */
public record LinregSearch(String trainedPotential, double k, double power, int d, int n, double chosenLr, int steps,
        int attempts, boolean criterionMet, String summary, List<Trial> trials) {

    /** One trial of the grid. */
    public record Trial(double lr, int steps, int attempt, double finalLoss, boolean diverged) {
    }

    /** The record of a finished search. */
    static LinregSearch of(String potential, double k, double power, int d, int n, LearningRateSearch.Result r) {
        List<Trial> trials = r.trials().stream().map(t -> new Trial(t.learningRate(), t.epochs(), t.attempt(),
                t.finalLoss(), t.outcome().diverged())).toList();
        double lr = r.best().map(LearningRateSearch.Trial::learningRate).orElse(Double.NaN);
        int steps = r.best().map(LearningRateSearch.Trial::epochs).orElse(0);
        return new LinregSearch(potential, k, power, d, n, lr, steps, r.attempts(), r.succeeded(), r.summary(), trials);
    }

    /** True when some rate stayed finite. */
    boolean hasRate() {
        return steps > 0;
    }
}
