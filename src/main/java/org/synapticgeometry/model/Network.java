package org.synapticgeometry.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synapticgeometry.data.FashionMnist;
import org.synapticgeometry.data.InputView;
import org.synapticgeometry.snapshot.FloatTensor;

/**
 * A network in memory: a DJL {@link Model} (which owns the native memory) with its block, the named
 * parameters, and the structural part of its {@link ModelInfo}. Built fresh from the zoo, imported
 * from TorchScript, or loaded by {@link Checkpoint}. Close it to free the native memory.
 */
public final class Network implements AutoCloseable {
    private final Model model;
    private final ModelInfo info;
    private final List<NamedParameter> parameters;

    private Network(Model model, ModelInfo info, List<NamedParameter> parameters) {
        this.model = model;
        this.info = info;
        this.parameters = parameters;
    }

    /**
     * A zoo architecture with freshly initialised weights; libtorch's generator is seeded with
     * {@code initSeed} first, so the same seed gives the same weights.
     */
    public static Network fresh(Architecture arch, long initSeed) {
        return fresh(arch, initSeed, Device.cpu());
    }

    /** {@link #fresh(Architecture, long)} on {@code device}. */
    public static Network fresh(Architecture arch, long initSeed, Device device) {
        Engine.getInstance().setRandomSeed((int) (initSeed ^ (initSeed >>> 32)));
        Model model = Model.newInstance(arch.name(), device, "PyTorch");
        Block block = arch.newBlock();
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, arch.view().batchShape(1, 1, 28, 28));
        return wrap(model, describeZoo(arch, block));
    }

    /**
     * Imports a TorchScript file with trainable parameters (DJL's {@code PtSymbolBlock}).
     *
     * @param shape how the model reads images (channels, rows, cols, classes, view)
     * @throws IllegalArgumentException naming the file when it does not load as TorchScript
     */
    public static Network torchScript(Path file, InputShape shape) {
        return torchScript(file, shape, Device.cpu());
    }

    /** {@link #torchScript(Path, InputShape)} on {@code device}. */
    public static Network torchScript(Path file, InputShape shape, Device device) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--torchscript " + file + " does not exist; give a file saved with"
                    + " torch.jit.save");
        }
        Model model = Model.newInstance("torchscript", device, "PyTorch");
        try {
            String name = file.getFileName().toString();
            String prefix = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
            model.load(file.toAbsolutePath().getParent(), prefix, Map.of("trainParam", "true",
                    "modelName", name));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalArgumentException("TorchScript file " + file + " does not load (" + e.getMessage()
                    + "); export the model with torch.jit.script or torch.jit.trace and torch.jit.save");
        }
        List<NamedParameter> params = Layers.of(model.getBlock(), false);
        return new Network(model, describe("torchscript", "torchscript", shape, false, params), params);
    }

    static Network wrap(Model model, ModelInfo info) {
        return new Network(model, info, Layers.of(model.getBlock(), info.recurrentOnly()));
    }

    /** The same network described by {@code info} (a loaded checkpoint's recorded description). */
    static Network rewrap(Network net, ModelInfo info) {
        return new Network(net.model, info, net.parameters);
    }

    /** Name, shape and count of each scored layer of {@code net}, in network order. */
    static List<ModelInfo.LayerInfo> describeLayers(Network net) {
        return layerInfos(net.parameters);
    }

    private static List<ModelInfo.LayerInfo> layerInfos(List<NamedParameter> params) {
        return params.stream().filter(NamedParameter::scored)
                .map(p -> new ModelInfo.LayerInfo(p.name(), p.parameter().getArray().getShape().getShape(), p.size()))
                .toList();
    }

    /** The DJL model (owner of the block and its native memory). */
    public Model model() {
        return model;
    }

    /** The network's block. */
    public Block block() {
        return model.getBlock();
    }

    /** The structural description (and, for a loaded checkpoint, its recorded training results). */
    public ModelInfo info() {
        return info;
    }

    /** How batches must be shaped. */
    public InputView view() {
        return InputView.valueOf(info.inputView());
    }

    /** True for an imported TorchScript network. */
    public boolean isTorchScript() {
        return "torchscript".equals(info.source());
    }

    /** All named parameters, in network order. */
    public List<NamedParameter> parameters() {
        return parameters;
    }

    /** The scored weights as float32 tensors by layer name, optionally without the final classifier. */
    public Map<String, FloatTensor> scoredWeights(boolean excludeClassifier) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        for (NamedParameter p : parameters) {
            if (p.scored() && !(excludeClassifier && p.name().equals(info.classifier()))) {
                NDArray a = p.parameter().getArray();
                long[] s = a.getShape().getShape();
                int[] shape = new int[s.length];
                for (int i = 0; i < s.length; i++) {
                    shape[i] = Math.toIntExact(s[i]);
                }
                out.put(p.name(), new FloatTensor(shape, a.toType(DataType.FLOAT32, false).toFloatArray()));
            }
        }
        return out;
    }

    /** Frees the native memory. */
    @Override
    public void close() {
        model.close();
    }

    static ModelInfo describeZoo(Architecture arch, Block block) {
        return describe(arch.name(), "zoo", InputShape.fashionMnist(arch.view()), arch.recurrentOnly(), Layers.of(block, arch.recurrentOnly()));
    }

    private static ModelInfo describe(String arch, String source, InputShape shape, boolean recurrentOnly,
            List<NamedParameter> params) {
        List<ModelInfo.LayerInfo> layers = layerInfos(params);
        String classifier = recurrentOnly || layers.isEmpty() ? null : layers.get(layers.size() - 1).name();
        return new ModelInfo(ModelInfo.FORMAT, arch, source, null, null, shape.view().name(), shape.channels(),
                shape.rows(), shape.cols(), shape.classNames(), recurrentOnly, layers, classifier,
                Layers.scoredCount(params), null, null, null, null, null, null, null, Map.of(), Map.of());
    }

    /**
     * How a network reads images.
     *
     * @param channels colour channels
     * @param rows height
     * @param cols width
     * @param classNames class names in label order
     * @param view batch layout
     */
    public record InputShape(int channels, int rows, int cols, List<String> classNames, InputView view) {
        /** Copies the class names. */
        public InputShape {
            classNames = List.copyOf(classNames);
        }

        /** 1×28×28 grey Fashion-MNIST images with its ten classes, batched as {@code view}. */
        public static InputShape fashionMnist(InputView view) {
            return new InputShape(1, 28, 28, FashionMnist.CLASS_NAMES, view);
        }
    }
}
