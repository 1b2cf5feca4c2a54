package org.synapticgeometry.stage.snapshot;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.synapticgeometry.stage.StageOptions;

/**
 * Settings of one {@code sgeo snapshot}. Unlike the other stages, whose {@code --out} is a folder, a
 * snapshot's {@code --out} names the NPZ file; its description {@code FILE.json} and {@code run.json}
 * go into the same folder, which is this stage's {@link #out()}.
 *
 * @param checkpoint a checkpoint folder of ours (or its model.json) or a TorchScript file
 * @param npz the NPZ file to write
 * @param excludeClassifier leave out the final classifier layer (the paper does)
 */
public record SnapshotOptions(Path checkpoint, Path npz, boolean excludeClassifier) implements StageOptions {

    /** Requires an output name ending in {@code .npz}. */
    public SnapshotOptions {
        String name = npz.getFileName().toString();
        if (!name.endsWith(".npz") || name.length() == 4) {
            throw new IllegalArgumentException("--out must name a .npz file (e.g. weights.npz), found " + npz);
        }
    }

    /** The folder of the NPZ file. */
    @Override
    public Path out() {
        return npz.toAbsolutePath().getParent();
    }

    /** {@code FILE.json} beside {@code FILE.npz}. */
    public Path json() {
        String name = npz.getFileName().toString();
        return npz.resolveSibling(name.substring(0, name.length() - 4) + ".json");
    }

    @Override
    public Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("checkpoint", checkpoint.toString());
        p.put("out", npz.toString());
        p.put("exclude_classifier", Boolean.toString(excludeClassifier));
        return p;
    }
}
