package org.synapticgeometry.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every JIT hint in bin/jvm.options names code that exists: a rename must not silently drop one. */
class JvmOptionsTest {

    @Test
    void everyDontinlineHintNamesAnExistingMethod() throws IOException, ClassNotFoundException {
        List<String> hints = Files.readAllLines(Path.of("bin/jvm.options")).stream()
                .filter(l -> l.startsWith("-XX:CompileCommand=dontinline,")).toList();
        assertThat(hints).hasSizeGreaterThanOrEqualTo(4);
        for (String hint : hints) {
            String[] target = hint.substring(hint.indexOf(',') + 1).split("::");
            Class<?> type = Class.forName(target[0]);
            assertThat(Arrays.stream(type.getDeclaredMethods()).map(m -> m.getName()))
                    .as(hint).contains(target[1]);
        }
    }

    /** The early-compilation hints: the fused step's package and the CNN pooling's window maxima. */
    @Test
    void theEarlyCompilationHintsNameTheFusedStepsPackageAndTheWindowMaxima() throws IOException,
            ClassNotFoundException {
        List<String> patterns = Files.readAllLines(Path.of("bin/jvm.options")).stream()
                .filter(l -> l.startsWith("-XX:CompileCommand=CompileThresholdScaling,"))
                .map(l -> l.split(",")[1]).toList();
        assertThat(patterns).containsExactly(VectorMirrorStep.class.getPackageName() + ".*::*",
                "org.synapticgeometry.model.FirstMaxima::*");
        Class.forName(patterns.get(1).replace("::*", ""));
    }
}
