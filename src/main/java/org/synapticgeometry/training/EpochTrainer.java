package org.synapticgeometry.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
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
import org.synapticgeometry.data.InputView;
import org.synapticgeometry.data.LabeledImages;
import org.synapticgeometry.data.Subsets;
import org.synapticgeometry.model.Network;

/**
 * Supervised training and evaluation of a {@link Network} with softmax cross-entropy, shared by
 * pretrain-load and finetune-per-map: seeded shuffling, mini-batches, one optimizer, per-epoch
 * mean loss and accuracy, and divergence detection (a non-finite loss stops the run).
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
        try (Trainer trainer = net.model().newTrainer(config)) {
            for (int e = 1; e <= epochs; e++) {
                Subsets.shuffle(perm, order);
                Epoch epoch = oneEpoch(trainer, net.view(), data, perm, batchSize, e);
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

    private static Epoch oneEpoch(Trainer trainer, InputView view, LabeledImages data, int[] perm, int batchSize,
            int epoch) {
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < perm.length; from += batchSize) {
            int[] idx = Arrays.copyOfRange(perm, from, Math.min(perm.length, from + batchSize));
            try (NDManager batch = trainer.getManager().newSubManager()) {
                NDArray x = data.batch(batch, idx, view);
                NDArray y = data.labelBatch(batch, idx);
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDList pred = trainer.forward(new NDList(x));
                    NDArray loss = trainer.getLoss().evaluate(new NDList(y), pred);
                    double l = loss.getFloat();
                    if (!Double.isFinite(l)) {
                        return new Epoch(epoch, l, Double.NaN);
                    }
                    gc.backward(loss);
                    lossSum += l * idx.length;
                    correct += countCorrect(pred.singletonOrThrow(), y);
                }
                trainer.step();
            }
        }
        return new Epoch(epoch, lossSum / perm.length, (double) correct / perm.length);
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
        return logits.argMax(1).toType(labels.getDataType(), false).eq(labels).countNonzero().getLong();
    }
}
