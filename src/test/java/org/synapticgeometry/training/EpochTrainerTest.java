package org.synapticgeometry.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.synapticgeometry.data.InputView;
import org.synapticgeometry.data.LabeledImages;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.model.Network;
import org.synapticgeometry.model.Zoo;
import org.synapticgeometry.optim.CosineSchedule;
import org.synapticgeometry.optim.MirrorDescent;
import org.synapticgeometry.snapshot.FloatTensor;

/**
 * The epoch loop sums loss and accuracy on the native side and gathers batches from arrays made
 * once: the per-epoch figures must equal a direct evaluation, a seeded run must repeat, and a
 * non-finite loss must still end the run as diverged.
 */
class EpochTrainerTest {
    private static final LabeledImages DATA = images(300, 7);

    @Test
    void epochLossAndAccuracyAreTheMeansOverEveryBatch() {
        try (Network net = Network.fresh(Zoo.get("mlp-16"), 3)) {
            double[] direct = lossAndAccuracy(net, DATA);
            Optimizer frozen = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0f)).build();
            EpochTrainer.Run run = EpochTrainer.train(net, frozen, DATA, 128, 2, 11, e -> { });
            assertThat(run.diverged()).isFalse();
            assertThat(run.epochs()).hasSize(2);
            for (EpochTrainer.Epoch e : run.epochs()) {
                assertThat(e.loss()).isCloseTo(direct[0], within(1e-6 * direct[0]));
                assertThat(e.accuracy()).isEqualTo(direct[1]);
            }
            assertThat(direct[1]).isBetween(0.02, 0.5);
        }
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        Map<String, FloatTensor> first = trained(DATA);
        Map<String, FloatTensor> again = trained(DATA);
        Map<String, FloatTensor> initial;
        try (Network net = Network.fresh(Zoo.get("mlp-16"), 5)) {
            initial = net.scoredWeights(false);
        }
        for (String layer : first.keySet()) {
            assertThat(first.get(layer).data()).isEqualTo(again.get(layer).data())
                    .isNotEqualTo(initial.get(layer).data());
        }
    }

    @Test
    void aNonFiniteLossStopsTheRunAsDiverged() {
        try (Network net = Network.fresh(Zoo.get("mlp-16"), 3)) {
            MirrorDescent huge = MirrorDescent.builder().setPotential(Potentials.parse("2-norm"))
                    .setLearningRateTracker(Tracker.fixed(1e30f)).optMomentum(0.9f).build();
            EpochTrainer.Run run = EpochTrainer.train(net, huge, DATA, 64, 10, 1, e -> { });
            assertThat(run.diverged()).isTrue();
            assertThat(run.epochs().size()).isLessThan(10);
            EpochTrainer.Epoch last = run.epochs().get(run.epochs().size() - 1);
            assertThat(last.loss()).matches(l -> !Double.isFinite(l));
            assertThat(last.accuracy()).isNaN();
            assertThat(run.finalLoss()).isNaN();
        }
    }

    private static Map<String, FloatTensor> trained(LabeledImages data) {
        try (Network net = Network.fresh(Zoo.get("mlp-16"), 5)) {
            EpochTrainer.train(net, optimizer(), data, 64, 3, 9, e -> { });
            return net.scoredWeights(false);
        }
    }

    private static MirrorDescent optimizer() {
        return MirrorDescent.builder().setPotential(Potentials.parse("negative_entropy"))
                .setLearningRateTracker(CosineSchedule.of(0.05, 3, 5)).optMomentum(0.9f).build();
    }

    /** Mean softmax cross-entropy and accuracy of {@code net} on {@code data}, computed in Java. */
    private static double[] lossAndAccuracy(Network net, LabeledImages data) {
        int[] all = IntStream.range(0, data.size()).toArray();
        try (NDManager m = net.model().getNDManager().newSubManager()) {
            NDArray x = data.batch(m, all, InputView.FLAT);
            float[] logits = net.block().forward(new ParameterStore(m, false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();
            double loss = 0;
            int correct = 0;
            int classes = data.classes();
            for (int i = 0; i < data.size(); i++) {
                double max = Double.NEGATIVE_INFINITY;
                int arg = 0;
                for (int c = 0; c < classes; c++) {
                    if (logits[i * classes + c] > max) {
                        max = logits[i * classes + c];
                        arg = c;
                    }
                }
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    sum += Math.exp(logits[i * classes + c] - max);
                }
                loss += max + Math.log(sum) - logits[i * classes + data.labels()[i]];
                correct += arg == data.labels()[i] ? 1 : 0;
            }
            return new double[] {loss / data.size(), (double) correct / data.size()};
        }
    }

    private static LabeledImages images(int n, long seed) {
        Random r = new Random(seed);
        byte[] pixels = new byte[n * 784];
        r.nextBytes(pixels);
        int[] labels = r.ints(n, 0, 10).toArray();
        return new LabeledImages(1, 28, 28, pixels, labels, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    }
}
