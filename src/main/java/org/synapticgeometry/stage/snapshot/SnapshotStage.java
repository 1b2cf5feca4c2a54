package org.synapticgeometry.stage.snapshot;

import org.synapticgeometry.files.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.synapticgeometry.model.Checkpoint;
import org.synapticgeometry.model.ModelInfo;
import org.synapticgeometry.snapshot.FloatTensor;
import org.synapticgeometry.snapshot.NpzWriter;
import org.synapticgeometry.stage.Stage;
import org.synapticgeometry.stage.StageContext;
import org.synapticgeometry.tracking.Provenance;

/**
 * The {@code snapshot} stage: writes the scored weights of a checkpoint of ours (or a TorchScript
 * file) as {@code FILE.npz}, one float32 array per scored layer named by the layer (conv and linear
 * weights, the RNN's recurrent matrix; biases and normalisation never), plus {@code FILE.json}
 * describing layers, shapes, counts and the options used.
 */
public final class SnapshotStage implements Stage<SnapshotOptions, SnapshotStage.Description> {
    /** Stage name used in tracking. */
    public static final String STAGE = "snapshot";
    /** Version of the weights.json layout. */
    public static final int FORMAT = 1;

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
     * @param producerRunId the tracking run that wrote the checkpoint (its {@code run.json}), or "" when unknown;
     *     workflows put it into the manifest so scores land on that run
     */
    public record Description(int format, String checkpoint, String architecture, List<Layer> layers, long scoredWeights,
            List<String> excludedLayers, Map<String, Object> options, Map<String, String> inputs, String producerRunId) {
    }

    @Override
    public String name() {
        return STAGE;
    }

    /** A snapshot folder may hold other snapshots (e.g. init.npz and final.npz written by two runs). */
    @Override
    public boolean ownsOutputFolder() {
        return false;
    }

    /**
     * Writes the NPZ and its JSON description.
     *
     * @throws IllegalArgumentException for a checkpoint that does not load
     */
    @Override
    public Description execute(SnapshotOptions o, StageContext context) {
        Checkpoint.ScoredWeights read = Checkpoint.scoredWeights(o.checkpoint(), o.excludeClassifier());
        ModelInfo info = read.info();
        Map<String, String> inputs = inputs(o.checkpoint(), info);
        inputs.keySet().forEach(f -> context.input(Path.of(f)));
        Description d = describe(o.checkpoint(), info, read.weights(), o.excludeClassifier(), inputs);
        NpzWriter.writeNpz(o.npz(), read.weights());
        Json.write(o.json(), d);
        context.run().setTags(Map.of("architecture", info.architecture()));
        context.run().logMetric("scored_weights", d.scoredWeights(), 0);
        context.output(o.npz());
        context.output(o.json());
        context.log().printf(Locale.ROOT, "%s: wrote %s (%d layers, %d weights)%n", STAGE, o.npz(),
                d.layers().size(), d.scoredWeights());
        return d;
    }

    private static Map<String, String> inputs(Path checkpoint, ModelInfo info) {
        Map<String, String> in = new LinkedHashMap<>();
        if (Files.isRegularFile(checkpoint) && !checkpoint.getFileName().toString().equals(Checkpoint.INFO_FILE)) {
            in.put(checkpoint.toString(), Provenance.sha256(checkpoint));
            return in;
        }
        Path dir = Checkpoint.checkpointDir(checkpoint);
        for (Path f : List.of(dir.resolve(Checkpoint.INFO_FILE), dir.resolve(info.parameterFile()))) {
            in.put(f.toString(), Provenance.sha256(f));
        }
        return in;
    }

    private static Description describe(Path checkpoint, ModelInfo info, Map<String, FloatTensor> weights,
            boolean excludeClassifier, Map<String, String> inputs) {
        List<Layer> layers = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, FloatTensor> e : weights.entrySet()) {
            layers.add(new Layer(e.getKey(), e.getValue().shape(), e.getValue().size()));
            total += e.getValue().size();
        }
        List<String> excluded = info.scoredLayers().stream().map(l -> l.name())
                .filter(n -> !weights.containsKey(n)).toList();
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("exclude_classifier", excludeClassifier);
        options.put("classifier", info.classifier());
        return new Description(FORMAT, checkpoint.toString(), info.architecture(), layers, total, excluded,
                options, inputs, producerRunId(checkpoint));
    }

    /** The run id in the {@code run.json} beside a checkpoint of ours, or "" (a TorchScript file, no record). */
    static String producerRunId(Path checkpoint) {
        if (Files.isRegularFile(checkpoint) && !checkpoint.getFileName().toString().equals(Checkpoint.INFO_FILE)) {
            return "";
        }
        Path record = Checkpoint.checkpointDir(checkpoint).resolve("run.json");
        return Files.isRegularFile(record) ? Json.readTree(record, "run.json").path("run_id").asText("") : "";
    }
}
