package org.synapticgeometry.data;

import ai.djl.ndarray.types.Shape;

/** How one image is presented to a network: the per-sample shape of a batch. */
public enum InputView {
    /** A vector of {@code channels·rows·cols} values (MLPs). */
    FLAT,
    /** {@code channels × rows × cols} (convolutional networks). */
    IMAGE,
    /** {@code rows} time steps of {@code channels·cols} values (the row-wise RNN: 28 steps × 28 pixels). */
    ROW_SEQUENCE;

    /** The batch shape for {@code batch} images of {@code channels × rows × cols}. */
    public Shape batchShape(long batch, int channels, int rows, int cols) {
        return switch (this) {
            case FLAT -> new Shape(batch, (long) channels * rows * cols);
            case IMAGE -> new Shape(batch, channels, rows, cols);
            case ROW_SEQUENCE -> new Shape(batch, rows, (long) channels * cols);
        };
    }
}
