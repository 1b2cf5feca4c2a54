package org.synapticgeometry.snapshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * The weights of one run before and after learning, read from NPZ, NPY or a paired-measurement CSV,
 * and their layer-by-layer matching: same layer names and shapes, finite values. A layer stored as
 * float64 in either snapshot is matched in float64 (the float32 side widened exactly).
 *
 * @param init the snapshot before learning
 * @param fin the snapshot after learning
 */
public record SnapshotPair(WeightSnapshot init, WeightSnapshot fin) {
    /** Name of the single layer of an NPY snapshot. */
    public static final String NPY_LAYER = "weights";

    /**
     * One matched layer.
     *
     * @param name the layer
     * @param init weights before, as float32
     * @param fin weights after, as float32
     * @param init64 weights before in float64 when either snapshot stores the layer as float64, else null
     * @param fin64 weights after in float64, likewise
     */
    public record LayerPair(String name, FloatTensor init, FloatTensor fin, double[] init64, double[] fin64) {
        /** Whether the layer is matched in float64. */
        public boolean isFloat64() {
            return init64 != null;
        }
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
        return new WeightSnapshot(file.toString(), Map.of(NPY_LAYER, a.tensor()), Map.of(NPY_LAYER, a.kind()),
                a.float64() == null ? Map.of() : Map.of(NPY_LAYER, a.float64()));
    }

    /**
     * The selected layers, matched by name.
     *
     * @param allowNonFinite when false, a NaN or infinite weight is an error; when true it is kept
     *     (and excluded from the scores as a non-finite change)
     * @throws IllegalArgumentException naming the file and layer of a missing layer, a shape mismatch, a
     *     non-finite value, or an empty selection
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
            boolean wide = init.float64().containsKey(name) || fin.float64().containsKey(name);
            double[] a64 = wide ? init.wide(name) : null;
            double[] b64 = wide ? fin.wide(name) : null;
            if (!allowNonFinite) {
                float[] af = a.data();
                float[] bf = b.data();
                requireFinite(af.length, wide ? i -> a64[i] : i -> af[i], name, init.source());
                requireFinite(bf.length, wide ? i -> b64[i] : i -> bf[i], name, fin.source());
            }
            out.add(new LayerPair(name, a, b, a64, b64));
        }
        return out;
    }

    private static void requireFinite(int n, IntToDoubleFunction d, String layer, String source) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(d.applyAsDouble(i))) {
                long count = 0;
                for (int j = i; j < n; j++) {
                    count += Double.isFinite(d.applyAsDouble(j)) ? 0 : 1;
                }
                throw new IllegalArgumentException(source + " layer '" + layer + "' holds " + count
                        + " non-finite value(s) (first: " + d.applyAsDouble(i) + " at flat index " + i
                        + "); a diverged run cannot be scored, or pass --exclude-nonfinite to skip them");
            }
        }
    }
}
