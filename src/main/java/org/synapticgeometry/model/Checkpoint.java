package org.synapticgeometry.model;

import org.synapticgeometry.files.Json;
import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synapticgeometry.data.InputView;
import org.synapticgeometry.files.AtomicFiles;
import org.synapticgeometry.snapshot.FloatTensor;
import org.synapticgeometry.tracking.Provenance;

/**
 * Checkpoints of ours: a folder with {@code model.json} ({@link ModelInfo}) and the weights, either
 * DJL's parameter file {@code model.params} (zoo networks) or a TorchScript module {@code model.pt}
 * (imported networks, trained parameters included). Loading checks the format version, the SHA-256
 * of the weights and the scored layers against model.json, so a mismatched pair is rejected.
 */
public final class Checkpoint {
    /** Name of the metadata file in a checkpoint folder. */
    public static final String INFO_FILE = "model.json";

    private Checkpoint() {
    }

    /**
     * Writes the network's weights and {@code info} (completed with the weight file's name and hash
     * and the software versions) into {@code dir}, atomically file by file, model.json last.
     *
     * @return the info as written
     */
    public static ModelInfo save(Network net, ModelInfo info, Path dir) {
        return save(weightBytes(net), net.isTorchScript(), info, dir);
    }

    /**
     * Writes weights serialised earlier by {@link #weightBytes(Network)} and {@code info} into {@code dir}
     * (how a learning-rate search keeps its best trial without holding every network open).
     *
     * @return the info as written
     */
    public static ModelInfo save(byte[] weights, boolean torchScript, ModelInfo info, Path dir) {
        String file = torchScript ? "model.pt" : "model.params";
        Path target = dir.resolve(file);
        AtomicFiles.write(target, out -> out.write(weights));
        ModelInfo written = info.withParameters(file, Provenance.sha256(target), software());
        writeInfo(dir.resolve(INFO_FILE), written);
        return written;
    }

    /** Versions of sgeo, DJL, libtorch and Java, the platform and the git commit, for model.json. */
    private static Map<String, String> software() {
        Map<String, String> s = new LinkedHashMap<>(Provenance.versions());
        s.putAll(Provenance.platform());
        s.put("git", Provenance.gitCommit(System.getenv()));
        return s;
    }

    /** The network's weights as they would be written to its parameter file. */
    public static byte[] weightBytes(Network net) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (net.isTorchScript()) {
                JniUtils.writeModule((PtSymbolBlock) net.block(), bytes, false);
            } else {
                net.block().saveParameters(new DataOutputStream(bytes));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the weights of " + net.info().architecture(), e);
        }
        return bytes.toByteArray();
    }

    /** Writes a model.json atomically. */
    public static void writeInfo(Path file, ModelInfo info) {
        Json.write(file, info);
    }

    /**
     * Loads a checkpoint folder (or its model.json), or a bare TorchScript file ({@code .pt}) read as
     * a 1×28×28 image model with 10 classes.
     *
     * @throws IllegalArgumentException naming the file when it is missing, of an unknown format, or
     *     does not match its model.json
     */
    public static Network load(Path dirOrFile) {
        return load(dirOrFile, Device.cpu());
    }

    /** {@link #load(Path)} onto {@code device}. */
    public static Network load(Path dirOrFile, Device device) {
        if (Files.isRegularFile(dirOrFile) && !dirOrFile.getFileName().toString().equals(INFO_FILE)) {
            return Network.torchScript(dirOrFile, Network.InputShape.fashionMnist(InputView.IMAGE), device);
        }
        Path dir = checkpointDir(dirOrFile);
        ModelInfo info = readInfo(dir.resolve(INFO_FILE));
        Path weights = verifiedWeightFile(dir, info);
        Network net = "torchscript".equals(info.source()) ? loadTorchScript(weights, info, device)
                : loadZoo(weights, info, device);
        try {
            requireSameLayers(dir, info, Network.describeLayers(net));
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
        return net;
    }

    /**
     * A checkpoint's description and its scored weights.
     *
     * @param info the checkpoint's model.json (for a bare TorchScript file, its description as imported)
     * @param weights the scored weights by layer name, in network order, as {@link Network#scoredWeights}
     */
    public record ScoredWeights(ModelInfo info, Map<String, FloatTensor> weights) {
    }

    /**
     * The scored weights of a checkpoint (as {@link #load(Path)} would give them, with the same checks),
     * optionally without the classifier. A zoo checkpoint's {@code model.params} is read in plain Java
     * ({@link ParameterFile}), so no libtorch is loaded; TorchScript checkpoints go through libtorch.
     *
     * @throws IllegalArgumentException as {@link #load(Path)}
     */
    public static ScoredWeights scoredWeights(Path dirOrFile, boolean excludeClassifier) {
        if (Files.isRegularFile(dirOrFile) && !dirOrFile.getFileName().toString().equals(INFO_FILE)) {
            return viaEngine(dirOrFile, excludeClassifier);
        }
        Path dir = checkpointDir(dirOrFile);
        ModelInfo info = readInfo(dir.resolve(INFO_FILE));
        if ("torchscript".equals(info.source())) {
            return viaEngine(dirOrFile, excludeClassifier);
        }
        Path file = verifiedWeightFile(dir, info);
        List<ParameterFile.Entry> scored;
        try {
            scored = ParameterFile.read(Files.readAllBytes(file)).stream()
                    .filter(e -> Layers.isScored(e.name(), e.shape().length, info.recurrentOnly())).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw mismatch(dir, info.parameterFile() + " does not hold " + info.architecture() + " weights ("
                    + e.getMessage() + ")");
        }
        List<ModelInfo.LayerInfo> layers = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            String name = i < info.scoredLayers().size() ? info.scoredLayers().get(i).name() : "?" + i;
            layers.add(new ModelInfo.LayerInfo(name, scored.get(i).shape(), 0));
        }
        requireSameLayers(dir, info, layers);
        Map<String, FloatTensor> weights = new LinkedHashMap<>();
        for (int i = 0; i < scored.size(); i++) {
            ParameterFile.Entry e = scored.get(i);
            String name = layers.get(i).name();
            if (e.values() == null) {
                throw mismatch(dir, "layer " + name + " is " + e.dataType() + ", not FLOAT32");
            }
            if (!(excludeClassifier && name.equals(info.classifier()))) {
                weights.put(name, new FloatTensor(Arrays.stream(e.shape()).mapToInt(Math::toIntExact).toArray(),
                        e.values()));
            }
        }
        return new ScoredWeights(info, weights);
    }

    private static ScoredWeights viaEngine(Path dirOrFile, boolean excludeClassifier) {
        try (Network net = load(dirOrFile)) {
            return new ScoredWeights(net.info(), net.scoredWeights(excludeClassifier));
        }
    }

    /** The weight file of a checkpoint folder, checked to exist and to have model.json's SHA-256. */
    private static Path verifiedWeightFile(Path dir, ModelInfo info) {
        Path weights = dir.resolve(info.parameterFile());
        if (!Files.isRegularFile(weights)) {
            throw mismatch(dir, "its weight file " + info.parameterFile() + " is missing");
        }
        String sha = Provenance.sha256(weights);
        if (!sha.equals(info.parameterSha256())) {
            throw mismatch(dir, info.parameterFile() + " has SHA-256 " + sha + " but model.json records "
                    + info.parameterSha256());
        }
        return weights;
    }

    /**
     * The checkpoint folder of {@code dirOrInfoFile} (a folder, or the model.json inside it).
     *
     * @throws IllegalArgumentException naming the path as given when it does not exist
     */
    public static Path checkpointDir(Path dirOrInfoFile) {
        if (!Files.exists(dirOrInfoFile)) {
            throw new IllegalArgumentException("checkpoint " + dirOrInfoFile + " does not exist; pass a folder written"
                    + " by sgeo pretrain-load or finetune-per-map, or a TorchScript .pt file");
        }
        return Files.isDirectory(dirOrInfoFile) ? dirOrInfoFile : dirOrInfoFile.toAbsolutePath().getParent();
    }

    /**
     * Reads a model.json.
     *
     * @throws IllegalArgumentException when it is missing, unreadable or of a newer format
     */
    public static ModelInfo readInfo(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("checkpoint " + file.getParent() + " has no " + INFO_FILE
                    + "; pass a folder written by sgeo pretrain-load or finetune-per-map, or a TorchScript .pt file");
        }
        ModelInfo info;
        try {
            info = Json.mapper().treeToValue(Json.readTree(file, "model.json"), ModelInfo.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a valid model.json (" + e.getMessage().lines()
                    .findFirst().orElse("") + "); re-create the checkpoint with sgeo pretrain-load");
        }
        if (info.format() < 1 || info.format() > ModelInfo.FORMAT) {
            throw new IllegalArgumentException(file + ": checkpoint format " + info.format()
                    + " is not supported by this build (max " + ModelInfo.FORMAT + "); use a matching sgeo version");
        }
        return info;
    }

    private static Network loadZoo(Path weights, ModelInfo info, Device device) {
        Architecture arch = Zoo.get(info.architecture());
        Model model = Model.newInstance(arch.name(), device, "PyTorch");
        Block block = arch.newBlock();
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, arch.view().batchShape(1, 1, 28, 28));
        try (InputStream in = new BufferedInputStream(Files.newInputStream(weights))) {
            block.loadParameters(model.getNDManager(), new DataInputStream(in));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw mismatch(weights.getParent(), info.parameterFile() + " does not hold " + arch.name() + " weights ("
                    + e.getMessage() + ")");
        }
        return Network.wrap(model, info);
    }

    private static Network loadTorchScript(Path weights, ModelInfo info, Device device) {
        Network fresh = Network.torchScript(weights, new Network.InputShape(info.channels(), info.rows(), info.cols(),
                info.classNames(), InputView.valueOf(info.inputView())), device);
        return Network.rewrap(fresh, info);
    }

    private static void requireSameLayers(Path dir, ModelInfo info, List<ModelInfo.LayerInfo> actual) {
        List<ModelInfo.LayerInfo> expected = info.scoredLayers();
        boolean same = expected.size() == actual.size();
        for (int i = 0; same && i < expected.size(); i++) {
            same = expected.get(i).name().equals(actual.get(i).name())
                    && Arrays.equals(expected.get(i).shape(), actual.get(i).shape());
        }
        if (!same) {
            throw mismatch(dir, "its scored layers " + names(actual) + " differ from model.json's " + names(expected));
        }
    }

    private static String names(List<ModelInfo.LayerInfo> layers) {
        return layers.stream().map(l -> l.name() + Arrays.toString(l.shape())).toList().toString();
    }

    private static IllegalArgumentException mismatch(Path dir, String what) {
        return new IllegalArgumentException("checkpoint " + dir + " does not match its model.json: " + what
                + "; re-create it with sgeo pretrain-load (or finetune-per-map)");
    }
}
