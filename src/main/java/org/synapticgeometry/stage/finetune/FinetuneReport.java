package org.synapticgeometry.stage.finetune;

import java.util.List;
import java.util.Map;

/**
 * The content of {@code train.json} written by finetune-per-map.
 *
 * @param status {@code reached_100} (the chosen run fits its N images), {@code not_reached_100} (it
 *     did not after every retry), or {@code all_diverged} (every rate of the last search diverged)
 * @param architecture the pretrained network's architecture
 * @param potential the potential of mirror descent
 * @param seed root seed
 * @param seeds derived seeds by use ({@code subset}, {@code shuffle})
 * @param scoredWeights D
 * @param n N, the number of fine-tuning images
 * @param k the exponent of N = ⌊D^k⌋ (NaN when N was given)
 * @param dataset the images' source
 * @param batchSize mini-batch size
 * @param momentum momentum
 * @param lrGrid learning rates tried
 * @param lrRule the rule that chose the rate ({@code lowest-loss} or {@code smallest-fitting})
 * @param chosenLr the chosen rate, or null when all diverged
 * @param epochs epochs of the chosen run, or null
 * @param attempts searches run
 * @param reached100 whether the chosen run reached 100% accuracy on its N images
 * @param diverged whether the chosen run diverged (always false: a diverged run is never chosen), true when all did
 * @param trainAccuracyBefore accuracy on the N images before fine-tuning
 * @param trainAccuracyAfter accuracy on the N images after (inference mode), or null
 * @param testAccuracyBefore accuracy on the held-out rest of the split before fine-tuning
 * @param testAccuracyAfter the same after, or null
 * @param relativeChange ‖w_T − w₀‖/‖w₀‖ of every scored layer for the chosen run (empty when all diverged)
 * @param history per-epoch loss and accuracy of the chosen run
 * @param trials every trial of the search
 * @param wallSeconds wall time of the stage
 */
public record FinetuneReport(String status, String architecture, String potential, long seed, Map<String, Long> seeds,
        long scoredWeights, int n, double k, String dataset, int batchSize, double momentum, List<Double> lrGrid,
        String lrRule, Double chosenLr, Integer epochs, int attempts, boolean reached100, boolean diverged, double trainAccuracyBefore,
        Double trainAccuracyAfter, double testAccuracyBefore, Double testAccuracyAfter,
        Map<String, Double> relativeChange, List<EpochRecord> history,
        List<TrialRecord> trials, double wallSeconds) {

    /** Loss and accuracy of one epoch. */
    public record EpochRecord(int epoch, double loss, double accuracy) {
    }

    /** One trial of the learning-rate search, with the relative change by layer (empty when it diverged). */
    public record TrialRecord(double lr, int epochs, int attempt, double finalLoss, boolean diverged,
            Double trainAccuracy, Map<String, Double> relativeChange) {
    }
}
