package org.synapticgeometry.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code model.json}, written beside every checkpoint of ours: what the network is,
 * which layers are scored, how it was trained and from which inputs. Loaders reject a format newer
 * than {@link #FORMAT} and a parameter file whose SHA-256 differs from {@code parameterSha256}.
 *
 * @param format version of this layout ({@link #FORMAT})
 * @param architecture zoo name, or {@code torchscript} for an imported model
 * @param source {@code zoo} or {@code torchscript}
 * @param parameterFile file name of the weights beside model.json ({@code model.params} or {@code model.pt})
 * @param parameterSha256 SHA-256 of that file
 * @param inputView how batches are shaped ({@code FLAT}, {@code IMAGE}, {@code ROW_SEQUENCE})
 * @param channels image channels the network reads
 * @param rows image height
 * @param cols image width
 * @param classNames class names, in label order
 * @param recurrentOnly true when only the recurrent matrix is scored (the paper's RNN)
 * @param scoredLayers name, shape and count of each scored layer, in network order
 * @param classifier name of the final classifier layer among the scored ones ({@code null} if none is scored)
 * @param scoredWeights D, the number of scored weights (classifier included)
 * @param dataset name of the dataset the model was last trained on ({@code fashion-mnist}, an image folder, or null)
 * @param trainAccuracy accuracy on the training data of the last stage, or null
 * @param testAccuracy accuracy on held-out test data, or null
 * @param seed root seed of the stage that wrote the checkpoint, or null (imported)
 * @param potential potential the last training used, or null
 * @param epochs epochs of the last training, or null
 * @param stage the stage that wrote it ({@code pretrain-load}, {@code finetune-per-map})
 * @param software versions of sgeo, DJL, libtorch, Java and the OS
 * @param inputs SHA-256 of every input file, by path
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ModelInfo(int format, String architecture, String source, String parameterFile, String parameterSha256,
        String inputView, int channels, int rows, int cols, List<String> classNames, boolean recurrentOnly,
        List<LayerInfo> scoredLayers, String classifier, long scoredWeights, String dataset, Double trainAccuracy,
        Double testAccuracy, Long seed, String potential, Integer epochs, String stage, Map<String, String> software,
        Map<String, String> inputs) {

    /** The layout version this build writes and the newest it reads. */
    public static final int FORMAT = 1;

    /**
     * One scored layer.
     *
     * @param name stable layer name, also the array name in weights.npz
     * @param shape shape of the weight
     * @param count number of weights
     */
    public record LayerInfo(String name, long[] shape, long count) {
    }

    /** A copy with training results replaced (the stage that trained the network fills these). */
    public ModelInfo withTraining(String stageName, String datasetName, Double trainAcc, Double testAcc, Long rootSeed,
            String potentialName, Integer epochCount, Map<String, String> inputHashes) {
        return new ModelInfo(format, architecture, source, parameterFile, parameterSha256, inputView, channels, rows,
                cols, classNames, recurrentOnly, scoredLayers, classifier, scoredWeights, datasetName, trainAcc,
                testAcc, rootSeed, potentialName, epochCount, stageName, software, ordered(inputHashes));
    }

    /** A copy naming the parameter file and its hash, with the current software versions. */
    public ModelInfo withParameters(String file, String sha256, Map<String, String> softwareVersions) {
        return new ModelInfo(format, architecture, source, file, sha256, inputView, channels, rows, cols, classNames,
                recurrentOnly, scoredLayers, classifier, scoredWeights, dataset, trainAccuracy, testAccuracy, seed,
                potential, epochs, stage, ordered(softwareVersions), inputs);
    }

    /** An unmodifiable copy that keeps the iteration order, so model.json is byte-stable. */
    private static Map<String, String> ordered(Map<String, String> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
