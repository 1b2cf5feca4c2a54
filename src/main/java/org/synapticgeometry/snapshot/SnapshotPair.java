package org.synapticgeometry.snapshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The weights of one run before and after learning, read from NPZ, NPY or a paired-measurement CSV,
 * and their layer-by-layer matching: same layer names, shapes and dtypes, finite values.
 *
 * @param init the snapshot before learning
 * @param fin the snapshot after learning
 */
public record SnapshotPair(WeightSnapshot init, WeightSnapshot fin) {
    /** Name of the single layer of an NPY snapshot. */
    public static final String NPY_LAYER = "weights";

    /** One matched layer. */
    public record LayerPair(String name, FloatTensor init, FloatTensor fin) {
    }

    /**
     * Reads the two snapshots. A CSV of paired measurements holds both: give it as {@code init} and
     * leave {@code fin} null or equal to it.
     *
     * @throws IllegalArgumentException when a file is missing, unreadable, of an unknown or mixed kind
     */
    public static SnapshotPair read(Path init, Path fin) {
        String kind = kind(init);
        if (kind.equals("csv")) {
            if (fin != null && !fin.equals(init)) {
                throw new IllegalArgumentException("a measurement CSV holds both snapshots: give " + init
                        + " as init and leave final empty (found final " + fin + ")");
            }
            PairedCsvReader.Pair p = PairedCsvReader.read(init);
            return new SnapshotPair(p.init(), p.fin());
        }
        if (fin == null) {
            throw new IllegalArgumentException("final snapshot missing for " + init + "; give INIT,FINAL");
        }
        if (!kind(fin).equals(kind)) {
            throw new IllegalArgumentException("init " + init + " and final " + fin + " are of different kinds ("
                    + kind + " vs " + kind(fin) + "); save both as .npz or both as .npy");
        }
        return new SnapshotPair(readOne(init, kind), readOne(fin, kind));
    }

    private static String kind(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String ext : List.of("npz", "npy", "csv")) {
            if (name.endsWith("." + ext)) {
                return ext;
            }
        }
        throw new IllegalArgumentException("snapshot " + file + " must end in .npz, .npy or .csv");
    }

    private static WeightSnapshot readOne(Path file, String kind) {
        if (kind.equals("npz")) {
            return NpzReader.read(file);
        }
        NpyReader.NpyArray a = NpyReader.read(file);
        return new WeightSnapshot(file.toString(), Map.of(NPY_LAYER, a.tensor()), Map.of(NPY_LAYER, a.kind()));
    }

    /**
     * The selected layers, matched by name.
     *
     * @param allowNonFinite when false, a NaN or infinite weight is an error; when true it is kept
     *     (and excluded from the scores as a non-finite change)
     * @throws IllegalArgumentException naming the file and layer of a missing layer, a shape or
     *     dtype mismatch, a non-finite value, or an empty selection
     */
    public List<LayerPair> match(LayerSelection selection, boolean allowNonFinite) {
        List<String> names = selection.select(init.names(), init.source());
        List<String> finalNames = selection.select(fin.names(), fin.source());
        if (!finalNames.equals(names)) {
            throw new IllegalArgumentException("layers differ between init " + init.source() + " " + names
                    + " and final " + fin.source() + " " + finalNames + "; save both snapshots from the same model");
        }
        List<LayerPair> out = new ArrayList<>();
        for (String name : names) {
            FloatTensor a = init.layers().get(name);
            FloatTensor b = fin.layers().get(name);
            if (!Arrays.equals(a.shape(), b.shape())) {
                throw new IllegalArgumentException("layer '" + name + "' has shape " + Arrays.toString(a.shape())
                        + " in " + init.source() + " but " + Arrays.toString(b.shape()) + " in " + fin.source()
                        + "; init and final must come from the same model");
            }
            String da = init.dtypes().get(name);
            String db = fin.dtypes().get(name);
            if (!da.equals(db)) {
                throw new IllegalArgumentException("layer '" + name + "' is " + da + " in " + init.source() + " but "
                        + db + " in " + fin.source() + "; save both snapshots with the same dtype");
            }
            if (!allowNonFinite) {
                requireFinite(a, name, init.source());
                requireFinite(b, name, fin.source());
            }
            out.add(new LayerPair(name, a, b));
        }
        return out;
    }

    private static void requireFinite(FloatTensor t, String layer, String source) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                long count = 0;
                for (int j = i; j < d.length; j++) {
                    count += Float.isFinite(d[j]) ? 0 : 1;
                }
                throw new IllegalArgumentException(source + " layer '" + layer + "' holds " + count
                        + " non-finite value(s) (first: " + d[i] + " at flat index " + i
                        + "); a diverged run cannot be scored, or pass --exclude-nonfinite to skip them");
            }
        }
    }
}
