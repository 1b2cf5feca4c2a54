package org.synapticgeometry.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/** Resolves the {@code --device} option of the training stages: {@code auto}, {@code cpu} or {@code gpu}. */
public final class Devices {
    private Devices() {
    }

    /**
     * The device named by {@code text}; {@code auto} is the first GPU when libtorch sees one, else the CPU.
     *
     * @throws IllegalArgumentException for another name, or {@code gpu} when no GPU is visible
     */
    public static Device parse(String text) {
        String t = text == null ? "auto" : text.trim().toLowerCase(Locale.ROOT);
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        return switch (t) {
            case "cpu" -> Device.cpu();
            case "auto" -> gpus > 0 ? Device.gpu() : Device.cpu();
            case "gpu" -> {
                if (gpus == 0) {
                    throw new IllegalArgumentException("--device gpu: libtorch sees no GPU (this build carries the CPU"
                            + " natives; build with -Pgpu on a CUDA node, see the README), or use --device cpu");
                }
                yield Device.gpu();
            }
            default -> throw new IllegalArgumentException("--device must be auto, cpu or gpu, found " + text);
        };
    }
}
