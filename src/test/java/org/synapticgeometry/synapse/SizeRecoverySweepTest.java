package org.synapticgeometry.synapse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.synapticgeometry.files.AtomicFiles;

/**
 * The recovery sweep behind the README's table: each potential's two-state model at a small and a
 * large σ (the acceptance test {@link SizeRecoveryTest} covers a middle one) and n = 300, 1000,
 * 2000, 10000. Prints one line per cell and writes target/size-recovery-sweep.md.
 * Simulations per cell: {@code -Dsizes.sweep.sims} (default 20; a fifth of that, at least 4, at n = 10000).
 * Slow (about 15 CPU-minutes): run with
 * {@code mvn -o test -Dtest=SizeRecoverySweepTest -Dsurefire.excludedGroups=gpu}.
 */
@Tag("slow")
class SizeRecoverySweepTest {
    private static final int[] SIZES = {300, 1000, 2000, 10000};

    private static List<SizeRecovery.Truth> truths() {
        List<SizeRecovery.Truth> out = new ArrayList<>();
        for (double s : new double[] {0.2, 0.8}) {
            out.add(new SizeRecovery.Truth("negative_entropy", "negative_entropy", 1.0, 5.0, 0.6, s, Double.NaN));
        }
        // p-norm and hypentropy σ are capped so that the negative mass (discarded draws) stays ≤ 0.2%
        for (double s : new double[] {0.15, 0.33}) {
            out.add(new SizeRecovery.Truth("2-norm", "2-norm", 1.0, 3.0, 0.6, s, Double.NaN));
        }
        for (double s : new double[] {0.15, 0.35}) {
            out.add(new SizeRecovery.Truth("3-norm", "3-norm", 1.0, 3.0, 0.6, s, Double.NaN));
        }
        for (double s : new double[] {0.15, 0.3}) {
            out.add(new SizeRecovery.Truth("hypentropy:1", "hypentropy", 1.0, 8.0, 0.6, s, 1.0));
        }
        return out;
    }

    @Test
    void sweep() {
        int sims = Integer.getInteger("sizes.sweep.sims", 20);
        StringBuilder md = new StringBuilder("| truth | n | simulations | true ranks first | 95% interval coverage |"
                + " beaten by |\n|---|---:|---:|---:|---:|---|\n");
        List<SizeRecovery.Outcome> large = new ArrayList<>();
        for (SizeRecovery.Truth t : truths()) {
            for (int n : SIZES) {
                SizeRecovery.Outcome o = SizeRecovery.run(t, n, n >= 10000 ? Math.max(4, sims / 5) : sims, 11);
                System.out.println("size recovery sweep: " + o.line());
                md.append(String.format(java.util.Locale.ROOT, "| %s | %d | %d | %.0f%% | %.1f%% | %s |%n", t, n,
                        o.simulations(), 100 * o.firstRate(), 100 * o.coverage(), String.join(", ", o.losers())));
                if (n >= 10000) {
                    large.add(o);
                }
            }
        }
        AtomicFiles.writeString(Path.of("target", "size-recovery-sweep.md"), md.toString());
        assertThat(large).allSatisfy(o -> assertThat(o.firstRate()).as(o.line()).isGreaterThanOrEqualTo(0.9));
    }
}
