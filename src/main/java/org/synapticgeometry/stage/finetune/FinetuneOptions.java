package org.synapticgeometry.stage.finetune;

import org.synapticgeometry.stage.StageOptions;
import ai.djl.Device;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.model.Devices;
import org.synapticgeometry.optim.LearningRateRule;

/**
 * Options of {@code finetune-per-map} (the paper's fine-tuning protocol); every field but
 * {@code parallelTrials} is logged as a run parameter (how many trials train at once changes no
 * output, as the thread count does not: it is a resource, like {@code SGEO_THREADS}).
 *
 * @param pretrained checkpoint folder written by pretrain-load
 * @param potential the potential of mirror descent
 * @param seed root seed (subset and shuffling derive from it)
 * @param out output folder
 * @param k N = ⌊D^k⌋ fine-tuning images (paper: 0.5)
 * @param n explicit N overriding k, or 0
 * @param lrGrid learning rates tried (paper: 1e-5 … 1e-1)
 * @param lrRule how the rate is chosen on the grid (paper: the lowest loss)
 * @param epochs epochs of the first search (paper: 30)
 * @param extraEpochs epochs added per retry (paper: 30)
 * @param maxAttempts searches in all (paper: 4)
 * @param batchSize mini-batch size (paper: 256)
 * @param momentum momentum on the primal gradient (paper: 0.9)
 * @param dataDir Fashion-MNIST folder, or null
 * @param images a user image folder (one sub-folder per class) used instead of the Fashion-MNIST test split, or null
 * @param device {@code auto}, {@code cpu} or {@code gpu}
 * @param parallelTrials how many trials of one search train at once, or 0 for {@link #AUTO} (see
 *     {@link #trialsAtOnce(Device)})
 */
public record FinetuneOptions(Path pretrained, Potential potential, long seed, Path out, double k, int n,
        List<Double> lrGrid, LearningRateRule lrRule, int epochs, int extraEpochs, int maxAttempts, int batchSize, double momentum, Path dataDir,
        Path images, String device, int parallelTrials) implements StageOptions {
    /** {@code parallelTrials} value: as many trials at once as the JVM sees processors, on the CPU. */
    public static final int AUTO = 0;

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException naming the option and the fix
     */
    public FinetuneOptions {
        if (pretrained == null || out == null || potential == null) {
            throw new IllegalArgumentException("--checkpoint, --potential and --out are required");
        }
        if (lrRule == null) {
            throw new IllegalArgumentException("--lr-rule is required");
        }
        lrGrid = List.copyOf(lrGrid);
        if (lrGrid.isEmpty() || lrGrid.stream().anyMatch(r -> !(r > 0) || r.isInfinite())) {
            throw new IllegalArgumentException("--lr-grid must list finite rates > 0, found " + lrGrid);
        }
        if (!(k > 0 && k <= 1)) {
            throw new IllegalArgumentException("--subset-exponent must be in (0, 1], found " + k);
        }
        if (n < 0 || epochs < 1 || extraEpochs < 0 || maxAttempts < 1 || batchSize < 1) {
            throw new IllegalArgumentException("--subset-size must be >= 0, --epochs >= 1, --extra-epochs >= 0, --max-attempts >= 1"
                    + " and --batch-size >= 1, found " + n + ", " + epochs + ", " + extraEpochs + ", " + maxAttempts
                    + ", " + batchSize);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("--momentum must be in [0, 1), found " + momentum);
        }
        Devices.check(device);
        if (parallelTrials < 0) {
            throw new IllegalArgumentException(parallelTrialsError(Integer.toString(parallelTrials)));
        }
    }

    /**
     * The {@code --parallel-trials} value {@code auto} or a whole number of trials &gt;= 1.
     *
     * @throws IllegalArgumentException naming the option and its valid values
     */
    public static int parseParallelTrials(String value) {
        if ("auto".equals(value)) {
            return AUTO;
        }
        if (value != null && value.matches("[1-9][0-9]{0,3}")) {
            return Integer.parseInt(value);
        }
        throw new IllegalArgumentException(parallelTrialsError(value));
    }

    private static String parallelTrialsError(String value) {
        return "--parallel-trials must be auto or a whole number of trials >= 1 (e.g. 2), found '" + value + "'";
    }

    /**
     * How many trials of one search train at once on {@code device}: the number given, or with
     * {@link #AUTO} the processors the JVM sees ({@code SGEO_THREADS} when set) on the CPU and 1 on a
     * GPU; never more than the grid has rates.
     */
    int trialsAtOnce(Device on) {
        int wanted = parallelTrials != AUTO ? parallelTrials
                : on.isGpu() ? 1 : Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(wanted, lrGrid.size()));
    }

    /** Every option as a run parameter. */
    @Override
    public Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("pretrained", pretrained.toString());
        p.put("potential", potential.name());
        p.put("seed", Long.toString(seed));
        p.put("out", out.toString());
        p.put("k", Double.toString(k));
        p.put("n", Integer.toString(n));
        p.put("lr_grid", lrGrid.toString());
        p.put("lr_rule", lrRule.cliName());
        p.put("epochs", Integer.toString(epochs));
        p.put("extra_epochs", Integer.toString(extraEpochs));
        p.put("max_attempts", Integer.toString(maxAttempts));
        p.put("batch_size", Integer.toString(batchSize));
        p.put("momentum", Double.toString(momentum));
        p.put("data_dir", String.valueOf(dataDir));
        p.put("images", String.valueOf(images));
        p.put("device", device);
        return p;
    }
}
