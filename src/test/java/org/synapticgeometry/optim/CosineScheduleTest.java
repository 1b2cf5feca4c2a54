package org.synapticgeometry.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CosineScheduleTest {

    @Test
    void followsCosineOncePerEpoch() {
        CosineSchedule s = CosineSchedule.of(1.0, 4, 3);
        // (1 + cos(pi e / 4)) / 2 for e = 0..3, each held for 3 updates (DJL counts from 1)
        double[] expected = {1.0, 0.8535533905932737, 0.5, 0.14644660940672627};
        for (int u = 1; u <= 12; u++) {
            assertThat((double) s.getNewValue(u)).as("update %d", u).isCloseTo(expected[(u - 1) / 3], within(1e-7));
        }
        assertThat(s.getNewValue(13)).isEqualTo(0f);
        assertThat(s.getNewValue(100)).isEqualTo(0f);
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> CosineSchedule.of(Double.NaN, 4, 1)).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> CosineSchedule.of(0.1, 0, 1)).hasMessageContaining("epochs");
    }
}
