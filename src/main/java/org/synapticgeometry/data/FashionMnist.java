package org.synapticgeometry.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fashion-MNIST (Xiao et al. 2017) from its four IDX files, gzip or raw. The folder is, in order:
 * the {@code --data-dir} option, the environment variable {@code SGEO_DATA}, then
 * {@code /usr/share/datasets/fashion-mnist} (Debian package {@code dataset-fashion-mnist}). A
 * folder may hold the files directly or in a {@code fashion-mnist/} subfolder.
 */
public final class FashionMnist {
    /** Environment variable naming the data folder. */
    public static final String ENV = "SGEO_DATA";
    /** Where Debian's {@code dataset-fashion-mnist} installs the files. */
    public static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The ten class names, in label order. */
    public static final List<String> CLASS_NAMES = List.of("t-shirt/top", "trouser", "pullover", "dress", "coat",
            "sandal", "shirt", "sneaker", "bag", "ankle boot");
    /** How to get the data, quoted in every "missing" error. */
    public static final String HOW_TO_INSTALL = "install it with `apt-get install -y dataset-fashion-mnist`"
            + " (Debian/Ubuntu), or pass --data-dir / set " + ENV
            + " to a folder holding train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz],"
            + " t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz]";

    /** The two splits. */
    public enum Split {
        /** 60000 training images (pretraining only). */
        TRAIN("train"),
        /** 10000 test images (fine-tuning subsets and held-out accuracy). */
        TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }
    }

    private final Path dir;

    private FashionMnist(Path dir) {
        this.dir = dir;
    }

    /**
     * Finds the data folder: {@code dataDir} if given, else {@code SGEO_DATA}, else the system folder.
     *
     * @throws IllegalArgumentException naming where it looked and how to install the data
     */
    public static FashionMnist locate(Path dataDir) {
        return locate(dataDir, System.getenv(ENV));
    }

    /** {@link #locate(Path)} with the environment value given explicitly (tests). */
    static FashionMnist locate(Path dataDir, String envValue) {
        Path base;
        String source;
        if (dataDir != null) {
            base = dataDir;
            source = "--data-dir";
        } else if (envValue != null && !envValue.isBlank()) {
            base = Path.of(envValue);
            source = ENV;
        } else {
            base = SYSTEM_DIR;
            source = "the default folder";
        }
        for (Path candidate : List.of(base, base.resolve("fashion-mnist"))) {
            FashionMnist data = new FashionMnist(candidate);
            if (data.missingFiles().isEmpty()) {
                return data;
            }
        }
        throw new IllegalArgumentException("Fashion-MNIST not found in " + base + " (" + source + "; missing "
                + String.join(", ", new FashionMnist(base).missingFiles()) + "): " + HOW_TO_INSTALL);
    }

    /** The folder holding the files. */
    public Path dir() {
        return dir;
    }

    /** The image and label files of a split (the input files of a stage). */
    public List<Path> files(Split split) {
        return List.of(file(split.prefix + "-images-idx3-ubyte").orElseThrow(),
                file(split.prefix + "-labels-idx1-ubyte").orElseThrow());
    }

    /**
     * Loads a split.
     *
     * @throws IllegalArgumentException for corrupt or truncated files, or image and label counts that differ
     */
    public LabeledImages load(Split split) {
        List<Path> f = files(split);
        IdxFile.Images images = IdxFile.readImages(f.get(0));
        byte[] raw = IdxFile.readLabels(f.get(1));
        if (raw.length != images.count()) {
            throw new IllegalArgumentException("Fashion-MNIST " + split.prefix + " files disagree: " + f.get(0) + " has "
                    + images.count() + " images but " + f.get(1) + " has " + raw.length
                    + " labels; replace the files");
        }
        int[] labels = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            labels[i] = raw[i] & 0xff;
            if (labels[i] >= CLASS_NAMES.size()) {
                throw new IllegalArgumentException("label file " + f.get(1) + " has label " + labels[i] + " at "
                        + i + ", must be in [0, 10); the file is corrupt: replace it");
            }
        }
        return new LabeledImages(1, images.rows(), images.cols(), images.pixels(), labels, CLASS_NAMES);
    }

    private List<String> missingFiles() {
        List<String> missing = new ArrayList<>();
        for (Split s : Split.values()) {
            for (String kind : List.of("-images-idx3-ubyte", "-labels-idx1-ubyte")) {
                if (file(s.prefix + kind).isEmpty()) {
                    missing.add(s.prefix + kind + "[.gz]");
                }
            }
        }
        return missing;
    }

    private Optional<Path> file(String name) {
        for (Path p : List.of(dir.resolve(name + ".gz"), dir.resolve(name))) {
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
