package org.synapticgeometry.stage.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.synapticgeometry.files.AtomicFiles;
import org.synapticgeometry.model.Checkpoint;
import org.synapticgeometry.model.Network;
import org.synapticgeometry.snapshot.FloatTensor;
import org.synapticgeometry.snapshot.NpzWriter;
import org.synapticgeometry.tracking.Provenance;
import org.synapticgeometry.tracking.RunStatus;
import org.synapticgeometry.tracking.TrackedRun;
import org.synapticgeometry.tracking.Tracking;

/**
 * The {@code snapshot} stage: writes the scored weights of a checkpoint of ours (or a TorchScript
 * file) as {@code FILE.npz}, one float32 array per scored layer named by the layer (conv and linear
 * weights, the RNN's recurrent matrix; biases and normalisation never), plus {@code FILE.json}
 * describing layers, shapes, counts and the options used.
 */
public final class SnapshotStage {
    /** Stage name used in tracking. */
    public static final String STAGE = "snapshot";
    /** Version of the weights.json layout. */
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SnapshotStage() {
    }

    /** One layer of weights.json. */
    public record Layer(String name, int[] shape, long count) {
    }

    /**
     * The content of {@code FILE.json}.
     *
     * @param format layout version ({@link #FORMAT})
     * @param checkpoint the checkpoint read
     * @param architecture its architecture
     * @param layers the arrays in the NPZ, in order
     * @param scoredWeights total number of values in the NPZ
     * @param excludedLayers scored layers left out by the options
     * @param options the options used ({@code exclude_classifier})
     * @param inputs SHA-256 of the files read
     */
    public record Description(int format, String checkpoint, String architecture, List<Layer> layers, long scoredWeights,
            List<String> excludedLayers, Map<String, Object> options, Map<String, String> inputs) {
    }

    /**
     * Runs the stage.
     *
     * @param checkpoint a checkpoint folder (or its model.json) or a TorchScript file
     * @param out the NPZ file to write; the JSON goes beside it with the extension {@code .json}
     * @throws IllegalArgumentException for a bad output name or a checkpoint that does not load
     */
    public static Description run(Path checkpoint, Path out, boolean excludeClassifier, PrintWriter log) {
        Path json = jsonBeside(out);
        Path dir = out.toAbsolutePath().getParent();
        AtomicFiles.requireWritableDirectory(dir, "--out");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("checkpoint", checkpoint.toString());
        params.put("out", out.toString());
        params.put("exclude_classifier", Boolean.toString(excludeClassifier));
        TrackedRun run = Tracking.startStage(STAGE, dir, params, Map.of());
        try (Network net = Checkpoint.load(checkpoint)) {
            Map<String, String> inputs = inputs(checkpoint, net);
            inputs.keySet().forEach(f -> run.recordInput(Path.of(f)));
            Map<String, FloatTensor> weights = net.scoredWeights(excludeClassifier);
            Description d = describe(checkpoint, net, weights, excludeClassifier, inputs);
            NpzWriter.writeNpz(out, weights);
            AtomicFiles.write(json, o -> JSON.writeValue(o, d));
            run.setTags(Map.of("architecture", net.info().architecture()));
            run.logMetric("scored_weights", d.scoredWeights(), 0);
            run.logArtifact(out, "");
            run.logArtifact(json, "");
            run.end(RunStatus.FINISHED);
            log.printf(Locale.ROOT, "%s: wrote %s (%d layers, %d weights)%n", STAGE, out, d.layers().size(),
                    d.scoredWeights());
            return d;
        } catch (RuntimeException e) {
            run.end(RunStatus.FAILED);
            throw e;
        }
    }

    /**
     * {@code FILE.json} for {@code FILE.npz}.
     *
     * @throws IllegalArgumentException if the name does not end in {@code .npz}
     */
    static Path jsonBeside(Path npz) {
        String name = npz.getFileName().toString();
        if (!name.endsWith(".npz") || name.length() == 4) {
            throw new IllegalArgumentException("--out must name a .npz file (e.g. weights.npz), found " + npz);
        }
        return npz.resolveSibling(name.substring(0, name.length() - 4) + ".json");
    }

    private static Map<String, String> inputs(Path checkpoint, Network net) {
        Map<String, String> in = new LinkedHashMap<>();
        if (Files.isRegularFile(checkpoint) && !checkpoint.getFileName().toString().equals(Checkpoint.INFO_FILE)) {
            in.put(checkpoint.toString(), Provenance.sha256(checkpoint));
            return in;
        }
        Path dir = Checkpoint.checkpointDir(checkpoint);
        for (Path f : List.of(dir.resolve(Checkpoint.INFO_FILE), dir.resolve(net.info().parameterFile()))) {
            in.put(f.toString(), Provenance.sha256(f));
        }
        return in;
    }

    private static Description describe(Path checkpoint, Network net, Map<String, FloatTensor> weights,
            boolean excludeClassifier, Map<String, String> inputs) {
        List<Layer> layers = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, FloatTensor> e : weights.entrySet()) {
            layers.add(new Layer(e.getKey(), e.getValue().shape(), e.getValue().size()));
            total += e.getValue().size();
        }
        List<String> excluded = net.info().scoredLayers().stream().map(l -> l.name())
                .filter(n -> !weights.containsKey(n)).toList();
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("exclude_classifier", excludeClassifier);
        options.put("classifier", net.info().classifier());
        return new Description(FORMAT, checkpoint.toString(), net.info().architecture(), layers, total, excluded,
                options, inputs);
    }
}
