package org.synapticgeometry.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.synapticgeometry.data.LabeledImages;
import org.synapticgeometry.data.Subsets;
import org.synapticgeometry.data.TrainingBatches;
import org.synapticgeometry.model.Network;

/**
 * Supervised training and evaluation of a {@link Network} with softmax cross-entropy, shared by
 * pretrain-load and finetune-per-map: seeded shuffling, mini-batches, one optimizer, per-epoch
 * mean loss and accuracy, and divergence detection (a non-finite loss stops the run). Runs on
 * different threads may train different networks at once (see {@link TorchWorkers}).
 */
public final class EpochTrainer {
    private static final int EVAL_BATCH = 500;

    private EpochTrainer() {
    }

    /** Loss and accuracy of one epoch (training mode, averaged over the epoch's samples). */
    public record Epoch(int epoch, double loss, double accuracy) {
    }

    /** Result of a training run: the epochs done and whether it diverged (then the last epoch is partial). */
    public record Run(List<Epoch> epochs, boolean diverged) {
        /** Mean loss of the last epoch, NaN when diverged or empty. */
        public double finalLoss() {
            return diverged || epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).loss();
        }
    }

    /** Number of mini-batches per epoch. */
    public static int batchesPerEpoch(int samples, int batchSize) {
        return (samples + batchSize - 1) / batchSize;
    }

    /**
     * Trains {@code net} in place for {@code epochs} epochs.
     *
     * @param shuffleSeed seeds the order of samples (one stream over all epochs)
     * @param onEpoch called after every epoch (metrics, progress)
     */
    public static Run train(Network net, Optimizer optimizer, LabeledImages data, int batchSize, int epochs,
            long shuffleSeed, Consumer<Epoch> onEpoch) {
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(optimizer).optDevices(new Device[] {net.model().getNDManager().getDevice()});
        List<Epoch> done = new ArrayList<>();
        Random order = new Random(shuffleSeed);
        int[] perm = new int[data.size()];
        Arrays.setAll(perm, i -> i);
        attachGradients(net);
        try (Trainer trainer = net.model().newTrainer(config);
                TrainingBatches batches = TrainingBatches.of(trainer.getManager(), data, net.view())) {
            for (int e = 1; e <= epochs; e++) {
                Subsets.shuffle(perm, order);
                Epoch epoch = oneEpoch(trainer, batches, perm, batchSize, e);
                done.add(epoch);
                onEpoch.accept(epoch);
                if (!Double.isFinite(epoch.loss())) {
                    return new Run(done, true);
                }
            }
        }
        return new Run(done, false);
    }

    /** Loaded parameters come without gradient buffers (only freshly initialised ones have them). */
    private static void attachGradients(Network net) {
        for (Pair<String, Parameter> p : net.block().getParameters()) {
            NDArray a = p.getValue().getArray();
            if (p.getValue().requiresGradient() && !a.hasGradient()) {
                a.setRequiresGradient(true);
            }
        }
    }

    /**
     * One epoch over {@code batches}' images in the order {@code perm}. The loss (times the batch
     * size, in float64 as the sum was taken in Java before) and the count of correct predictions
     * are summed on the native side and read once at the end of the epoch: no batch waits for a
     * read-back. A non-finite batch loss makes the epoch's loss non-finite (the run then stops).
     */
    private static Epoch oneEpoch(Trainer trainer, TrainingBatches batches, int[] perm, int batchSize, int epoch) {
        try (NDManager sums = trainer.getManager().newSubManager()) {
            NDArray lossSum = sums.zeros(new Shape(), DataType.FLOAT64);
            NDArray correct = sums.zeros(new Shape(), DataType.INT64);
            for (int from = 0; from < perm.length; from += batchSize) {
                int[] idx = Arrays.copyOfRange(perm, from, Math.min(perm.length, from + batchSize));
                try (NDManager batch = trainer.getManager().newSubManager()) {
                    NDArray x = batches.images(batch, idx);
                    NDArray y = batches.labels(batch, idx);
                    try (Backprop gc = new Backprop()) {
                        NDList pred = trainer.forward(new NDList(x));
                        NDArray loss = trainer.getLoss().evaluate(new NDList(y), pred);
                        gc.backward(loss);
                        lossSum.addi(loss.toType(DataType.FLOAT64, false).muli(idx.length));
                        correct.addi(correctCount(pred.singletonOrThrow(), y));
                    }
                    trainer.step();
                }
            }
            double loss = lossSum.getDouble() / perm.length;
            double accuracy = Double.isFinite(loss) ? (double) correct.getLong() / perm.length : Double.NaN;
            return new Epoch(epoch, loss, accuracy);
        }
    }

    /** Accuracy of {@code net} on all of {@code data}, in inference mode (batch norm uses running statistics). */
    public static double accuracy(Network net, LabeledImages data) {
        long correct = 0;
        NDManager parent = net.model().getNDManager();
        for (int from = 0; from < data.size(); from += EVAL_BATCH) {
            int start = from;
            int[] idx = new int[Math.min(EVAL_BATCH, data.size() - start)];
            Arrays.setAll(idx, i -> start + i);
            try (NDManager batch = parent.newSubManager()) {
                NDArray x = data.batch(batch, idx, net.view());
                NDList pred = net.block().forward(new ParameterStore(batch, false), new NDList(x), false);
                correct += countCorrect(pred.singletonOrThrow(), data.labelBatch(batch, idx));
            }
        }
        return data.size() == 0 ? Double.NaN : (double) correct / data.size();
    }

    private static long countCorrect(NDArray logits, NDArray labels) {
        return correctCount(logits, labels).getLong();
    }

    /** The number of rows whose largest logit is the label, as an int64 scalar on the native side. */
    private static NDArray correctCount(NDArray logits, NDArray labels) {
        return logits.argMax(1).toType(labels.getDataType(), false).eq(labels).countNonzero();
    }

    /**
     * Records the ops of the calling thread for backpropagation and runs it: the native calls of DJL's
     * PyTorch gradient collector (libtorch's gradient mode is per thread), without its process-wide
     * guard that lets only one collector exist at a time, so that runs on several threads can train.
     */
    private static final class Backprop implements AutoCloseable {
        private final boolean wasRecording = JniUtils.isGradMode();

        Backprop() {
            JniUtils.setGradMode(true);
        }

        void backward(NDArray loss) {
            NDArray seed = loss.getManager().ones(loss.getShape(), loss.getDataType()).toDevice(loss.getDevice(), false);
            JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
        }

        @Override
        public void close() {
            if (!wasRecording) {
                JniUtils.setGradMode(false);
            }
        }
    }
}
