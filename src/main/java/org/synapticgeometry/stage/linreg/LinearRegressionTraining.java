package org.synapticgeometry.stage.linreg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.synapticgeometry.data.LinearRegressionData;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.optim.CosineSchedule;
import org.synapticgeometry.optim.MirrorDescent;

/**
 * Full-batch training of the paper's linear model (no bias) on one data set with the
 * {@link MirrorDescent} optimizer: loss L(w) = mean_i (x_i·w − y_i)², closed-form gradient
 * ∇L = (2/N)·Xᵀ(Xw − y), cosine schedule over the steps (one step per epoch). Holds the data as
 * NDArrays until closed, and the scalar 2/N as a 0-d array (what {@code muli(2f / n)} would create on every
 * step: the same operation, without a native allocation per step).
 */
final class LinearRegressionTraining implements AutoCloseable {
    private final NDManager manager;
    private final NDArray x;
    private final NDArray xt;
    private final NDArray y;
    private final NDArray gradientScale;
    private final int n;

    /** Outcome of one run: the final weights, the loss at them, and whether the run blew up. */
    record Outcome(float[] weights, double finalLoss, boolean diverged) {
    }

    LinearRegressionTraining(LinearRegressionData data) {
        this.manager = NDManager.newBaseManager();
        this.x = manager.create(data.x(), new Shape(data.n(), data.d()));
        this.xt = x.transpose();
        this.y = manager.create(data.y());
        this.n = data.n();
        this.gradientScale = manager.create(2f / n);
    }

    /**
     * Trains from {@code initial} for {@code steps} steps; stops early, marked diverged, as soon as
     * the loss is not finite.
     */
    Outcome train(Potential potential, float[] initial, double learningRate, int steps, double momentum) {
        MirrorDescent optimizer = MirrorDescent.builder().setPotential(potential)
                .setLearningRateTracker(CosineSchedule.of(learningRate, steps, 1)).optMomentum((float) momentum)
                .build();
        try (NDArray w = manager.create(initial)) {
            for (int t = 0; t < steps; t++) {
                try (NDArray residual = residual(w); NDArray grad = xt.matMul(residual).muli(gradientScale)) {
                    if (!Double.isFinite(meanSquare(residual))) {
                        return new Outcome(w.toFloatArray(), Double.NaN, true);
                    }
                    optimizer.update("w", w, grad);
                }
            }
            double loss;
            try (NDArray residual = residual(w)) {
                loss = meanSquare(residual);
            }
            boolean diverged = !Double.isFinite(loss);
            return new Outcome(w.toFloatArray(), diverged ? Double.NaN : loss, diverged);
        }
    }

    private NDArray residual(NDArray w) {
        return x.matMul(w).subi(y);
    }

    private double meanSquare(NDArray residual) {
        try (NDArray sq = residual.dot(residual)) {
            return (double) sq.toFloatArray()[0] / n;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
