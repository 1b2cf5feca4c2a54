package org.synapticgeometry.optim;

import ai.djl.training.tracker.Tracker;

/**
 * Cosine annealing stepped once per epoch, as PyTorch's {@code CosineAnnealingLR} with
 * {@code T_max} = epochs stepped after every epoch: during epoch e (0-based)
 * \( \eta_e = \eta_0 (1 + \cos(\pi e / T)) / 2 \). DJL counts updates from 1, so update u falls in
 * epoch ⌊(u − 1) / updatesPerEpoch⌋; past the last epoch the rate stays at η_T = 0.
 */
public final class CosineSchedule implements Tracker {
    private final float baseRate;
    private final int epochs;
    private final int updatesPerEpoch;

    private CosineSchedule(float baseRate, int epochs, int updatesPerEpoch) {
        this.baseRate = baseRate;
        this.epochs = epochs;
        this.updatesPerEpoch = updatesPerEpoch;
    }

    /**
     * A cosine schedule from η₀ over T epochs of {@code updatesPerEpoch} optimizer updates each
     * (1 for full-batch training).
     *
     * @throws IllegalArgumentException if η₀ is not finite and &gt; 0 or a count is &lt; 1
     */
    public static CosineSchedule of(double baseRate, int epochs, int updatesPerEpoch) {
        if (!(baseRate > 0.0) || Double.isInfinite(baseRate)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, found " + baseRate);
        }
        if (epochs < 1 || updatesPerEpoch < 1) {
            throw new IllegalArgumentException("epochs and updatesPerEpoch must be >= 1, found " + epochs + " and "
                    + updatesPerEpoch);
        }
        return new CosineSchedule((float) baseRate, epochs, updatesPerEpoch);
    }

    /** The rate of epoch e (0-based), in double precision. */
    public double rateAtEpoch(int epoch) {
        int e = Math.min(Math.max(epoch, 0), epochs);
        return baseRate * (1.0 + Math.cos(Math.PI * e / epochs)) / 2.0;
    }

    /** {@inheritDoc} */
    @Override
    public float getNewValue(int numUpdate) {
        return (float) rateAtEpoch((numUpdate - 1) / updatesPerEpoch);
    }
}
