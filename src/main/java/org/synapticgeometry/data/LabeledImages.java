package org.synapticgeometry.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A set of labelled images of one size, stored as unsigned bytes ({@code channels × rows × cols}
 * per image, channel-major) with integer class labels. Immutable: the arrays are never modified
 * after construction. Batches are scaled to [0, 1].
 *
 * @param channels colour channels (1 for Fashion-MNIST)
 * @param rows image height
 * @param cols image width
 * @param pixels {@code size·channels·rows·cols} unsigned bytes
 * @param labels class index of each image, in [0, classNames.size())
 * @param classNames name of each class
 */
public record LabeledImages(int channels, int rows, int cols, byte[] pixels, int[] labels, List<String> classNames) {

    /**
     * Checks the sizes and labels.
     *
     * @throws IllegalArgumentException when the pixel count does not match or a label is out of range
     */
    public LabeledImages {
        classNames = List.copyOf(classNames);
        long per = (long) channels * rows * cols;
        if (per <= 0 || (long) labels.length * per != pixels.length) {
            throw new IllegalArgumentException("pixels must hold " + labels.length + " images of " + channels
                    + "×" + rows + "×" + cols + " bytes, found " + pixels.length + " bytes");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("label of image " + i + " must be in [0, " + classNames.size()
                        + "), found " + labels[i]);
            }
        }
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Number of classes. */
    public int classes() {
        return classNames.size();
    }

    /** Number of values per image. */
    public int pixelsPerImage() {
        return channels * rows * cols;
    }

    /** The images at {@code indices}, in that order (a copy). */
    public LabeledImages subset(int[] indices) {
        int per = pixelsPerImage();
        byte[] p = new byte[indices.length * per];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * per, p, i * per, per);
            l[i] = labels[indices[i]];
        }
        return new LabeledImages(channels, rows, cols, p, l, classNames);
    }

    /** Count of images per class. */
    public int[] classCounts() {
        int[] counts = new int[classes()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The images {@code indices} as a float32 batch in [0, 1], shaped for {@code view}. */
    public NDArray batch(NDManager manager, int[] indices, InputView view) {
        int per = pixelsPerImage();
        float[] values = new float[indices.length * per];
        for (int i = 0; i < indices.length; i++) {
            int base = indices[i] * per;
            for (int j = 0; j < per; j++) {
                values[i * per + j] = (pixels[base + j] & 0xff) / 255f;
            }
        }
        NDArray chw = manager.create(values, new Shape(indices.length, channels, rows, cols));
        if (view == InputView.ROW_SEQUENCE && channels > 1) {
            chw = chw.transpose(0, 2, 1, 3);
        }
        return chw.reshape(view.batchShape(indices.length, channels, rows, cols));
    }

    /** The labels of {@code indices} as an int32 vector. */
    public NDArray labelBatch(NDManager manager, int[] indices) {
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            l[i] = labels[indices[i]];
        }
        return manager.create(l).toType(DataType.INT32, false);
    }
}
