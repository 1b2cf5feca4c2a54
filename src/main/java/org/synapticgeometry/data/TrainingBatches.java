package org.synapticgeometry.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.stream.IntStream;

/**
 * The mini-batches of one training run: the whole set converted once to native float32 images in
 * [0, 1] (shaped for the network's {@link InputView}) and int32 labels, each batch gathered from
 * them on the native side. The gathered values are the ones {@link LabeledImages#batch} would make
 * (a copy), so training is bit-identical either way. A set of more than {@link #MAX_PREPARED_VALUES}
 * values is batched from its bytes per batch instead, to bound native memory.
 * Life-cycle: made per run, closed with it; the arrays of a batch belong to the caller's manager.
 */
public final class TrainingBatches implements AutoCloseable {
    /** Sets above this many float32 values (1 GiB) are not prepared. */
    public static final long MAX_PREPARED_VALUES = 1L << 28;
    private final LabeledImages data;
    private final InputView view;
    private final NDManager manager;
    private final NDArray images;
    private final NDArray labels;

    private TrainingBatches(LabeledImages data, InputView view, NDManager manager, NDArray images, NDArray labels) {
        this.data = data;
        this.view = view;
        this.manager = manager;
        this.images = images;
        this.labels = labels;
    }

    /** Prepares {@code data} for {@code view} in a sub-manager of {@code parent}. */
    public static TrainingBatches of(NDManager parent, LabeledImages data, InputView view) {
        return of(parent, data, view, MAX_PREPARED_VALUES);
    }

    /** {@link #of(NDManager, LabeledImages, InputView)} preparing sets of at most {@code maxValues} values. */
    public static TrainingBatches of(NDManager parent, LabeledImages data, InputView view, long maxValues) {
        NDManager m = parent.newSubManager();
        if ((long) data.size() * data.pixelsPerImage() > maxValues || data.size() == 0) {
            return new TrainingBatches(data, view, m, null, null);
        }
        int[] all = IntStream.range(0, data.size()).toArray();
        return new TrainingBatches(data, view, m, data.batch(m, all, view), data.labelBatch(m, all));
    }

    /** Whether the set is held as native arrays (else each batch is converted from the bytes). */
    public boolean prepared() {
        return images != null;
    }

    /** The images {@code indices}, in that order, owned by {@code batch}. */
    public NDArray images(NDManager batch, int[] indices) {
        return images == null ? data.batch(batch, indices, view) : gather(images, batch, indices);
    }

    /** The labels of {@code indices} (int32), owned by {@code batch}. */
    public NDArray labels(NDManager batch, int[] indices) {
        return labels == null ? data.labelBatch(batch, indices) : gather(labels, batch, indices);
    }

    private static NDArray gather(NDArray from, NDManager batch, int[] indices) {
        long[] rows = new long[indices.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = indices[i];
        }
        NDArray picked = from.get(batch.create(rows));
        picked.attach(batch);
        return picked;
    }

    /** Frees the native arrays. */
    @Override
    public void close() {
        manager.close();
    }
}
