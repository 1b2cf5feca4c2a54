package org.synapticgeometry.stage.pretrain;

import org.synapticgeometry.stage.StageOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.synapticgeometry.data.LabeledImages;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.model.Devices;
import org.synapticgeometry.model.Network;
import org.synapticgeometry.model.Zoo;

/**
 * Options of {@code pretrain-load}; every field is logged as a run parameter. Exactly one of
 * {@code arch}, {@code torchscript}, {@code checkpoint} is set.
 *
 * @param arch zoo architecture to pretrain, or null
 * @param torchscript TorchScript file to import, or null
 * @param checkpoint checkpoint of ours to check and copy, or null
 * @param out output folder
 * @param seed root seed (initialisation and shuffling derive from it)
 * @param epochs pretraining epochs (&gt;= 1)
 * @param dataDir Fashion-MNIST folder, or null for SGEO_DATA / the system folder
 * @param potential potential for mirror-descent pretraining (the paper's RNN protocol), or null for SGD
 * @param learningRate fixed learning rate of pretraining
 * @param batchSize mini-batch size
 * @param trainLimit use only the first this many training images (0 = all)
 * @param inputShape how an imported TorchScript model reads images
 * @param device {@code auto}, {@code cpu} or {@code gpu}
 */
public record PretrainLoadOptions(String arch, Path torchscript, Path checkpoint, Path out, long seed, int epochs,
        Path dataDir, Potential potential, double learningRate, int batchSize, int trainLimit,
        Network.InputShape inputShape, String device) implements StageOptions {

    /** Where the network comes from. */
    public enum Source {
        /** Pretrain a zoo architecture. */
        ARCH,
        /** Import TorchScript. */
        TORCHSCRIPT,
        /** Copy a checkpoint of ours. */
        CHECKPOINT
    }

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException naming the option and the fix
     */
    public PretrainLoadOptions {
        int given = (arch != null ? 1 : 0) + (torchscript != null ? 1 : 0) + (checkpoint != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("give exactly one of --arch, --torchscript, --checkpoint, found " + given);
        }
        if (out == null) {
            throw new IllegalArgumentException("--out is required");
        }
        if (arch != null) {
            Zoo.get(arch);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, found " + epochs);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be finite and > 0, found " + learningRate);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, found " + batchSize);
        }
        if (trainLimit < 0) {
            throw new IllegalArgumentException("--train-limit must be >= 0 (0 = all), found " + trainLimit);
        }
        Devices.check(device);
    }

    /** Which source is set. */
    public Source source() {
        return arch != null ? Source.ARCH : torchscript != null ? Source.TORCHSCRIPT : Source.CHECKPOINT;
    }

    /** The potential's canonical name, or {@code sgd-momentum}. */
    public String potentialName() {
        return potential == null ? "sgd-momentum" : potential.name();
    }

    /** The first {@code trainLimit} images of {@code train}, or all of them. */
    LabeledImages trainLimit(LabeledImages train) {
        if (trainLimit == 0 || trainLimit >= train.size()) {
            return train;
        }
        int[] idx = new int[trainLimit];
        Arrays.setAll(idx, i -> i);
        return train.subset(idx);
    }

    /** Every option as a run parameter. */
    @Override
    public Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("source", source().name().toLowerCase(Locale.ROOT));
        p.put("arch", String.valueOf(arch));
        p.put("torchscript", String.valueOf(torchscript));
        p.put("checkpoint", String.valueOf(checkpoint));
        p.put("out", out.toString());
        p.put("seed", Long.toString(seed));
        p.put("epochs", Integer.toString(epochs));
        p.put("data_dir", String.valueOf(dataDir));
        p.put("potential", potentialName());
        p.put("lr", Double.toString(learningRate));
        p.put("batch_size", Integer.toString(batchSize));
        p.put("train_limit", Integer.toString(trainLimit));
        p.put("device", device);
        p.put("input_shape", inputShape.channels() + "x" + inputShape.rows() + "x" + inputShape.cols() + ","
                + inputShape.view());
        return p;
    }

    /** Tags of the run: architecture, potential, seed. */
    @Override
    public Map<String, String> tags() {
        return Map.of("architecture", arch != null ? arch : "torchscript", "potential", potentialName(),
                "seed", Long.toString(seed));
    }
}
