package org.synapticgeometry.stage.linreg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.synapticgeometry.data.LinearRegressionData;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.optim.LearningRateSearch;

/**
 * A real run that blows up (NaN/Inf in the weights through the fused CPU step) is reported as
 * diverged, does not throw, and never wins the learning-rate search; a sane rate in the same grid
 * does.
 */
class LinearRegressionTrainingTest {

    /**
     * p-norms with p &gt; 2 take steps of size ~ (η·|∇L|)^(1/(p−1)), sublinear in the weights, so
     * they stay bounded for any moderate rate and need an absurd one to overflow.
     */
    @ParameterizedTest
    @CsvSource({"2-norm, 1e4", "3-norm, 1e30", "2.5-norm, 1e30", "negative_entropy, 1e4", "hypentropy:0.1, 1e4"})
    void aDivergingRateIsRecordedAndNeverChosen(String name, double blowUp) {
        LinearRegressionData data = LinearRegressionData.generate(20, 400, 2.0, 1.0, 0.1, 7);
        float[] initial = new float[400];
        for (int i = 0; i < initial.length; i++) {
            initial[i] = (i % 2 == 0 ? 1f : -1f) * (0.02f + 0.0001f * i);
        }
        try (LinearRegressionTraining training = new LinearRegressionTraining(data)) {
            LinearRegressionTraining.Outcome blown = training.train(Potentials.parse(name), initial, blowUp, 50, 0.9);
            assertThat(blown.diverged()).as("lr %s", blowUp).isTrue();
            assertThat(blown.finalLoss()).isNaN();
            LearningRateSearch.Result r = LearningRateSearch.of(List.of(1e-3, blowUp), 50, 50, 1).run((lr, epochs) -> {
                LinearRegressionTraining.Outcome o = training.train(Potentials.parse(name), initial, lr, epochs, 0.9);
                return LearningRateSearch.Outcome.of(o.diverged() ? Double.NaN : o.finalLoss(), true);
            });
            assertThat(r.best()).isPresent();
            assertThat(r.best().get().learningRate()).isEqualTo(1e-3);
            assertThat(r.trials().get(1).outcome().diverged()).isTrue();
        }
    }
}
