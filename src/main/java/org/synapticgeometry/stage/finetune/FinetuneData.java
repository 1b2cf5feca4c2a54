package org.synapticgeometry.stage.finetune;

import java.nio.file.Path;
import java.util.List;
import org.synapticgeometry.data.FashionMnist;
import org.synapticgeometry.data.ImageFolder;
import org.synapticgeometry.data.LabeledImages;
import org.synapticgeometry.data.Seeds;
import org.synapticgeometry.data.Subsets;
import org.synapticgeometry.model.ModelInfo;

/**
 * The images of one fine-tuning run: the seeded N images and the held-out rest of the split (the
 * Fashion-MNIST test split, or a user image folder), with the files they came from.
 *
 * @param name the source, {@code fashion-mnist-test} or {@code images:<folder>}
 * @param subset the N fine-tuning images
 * @param rest the held-out images (test accuracy)
 * @param files input files (the IDX files; empty for an image folder)
 */
record FinetuneData(String name, LabeledImages subset, LabeledImages rest, List<Path> files) {

    /**
     * Loads the split and draws the subset.
     *
     * @throws IllegalArgumentException when the data is missing, does not fit the model's input, or N
     *     is larger than the split
     */
    static FinetuneData load(FinetuneOptions o, ModelInfo model) {
        LabeledImages all;
        String name;
        List<Path> files;
        if (o.images() != null) {
            all = ImageFolder.load(o.images(), model.channels(), model.rows(), model.cols());
            name = "images:" + o.images();
            files = List.of();
        } else {
            if (model.channels() != 1 || model.rows() != 28 || model.cols() != 28) {
                throw new IllegalArgumentException("the pretrained model reads " + model.channels() + "x" + model.rows()
                        + "x" + model.cols() + " images but Fashion-MNIST is 1x28x28; pass an image folder with --images");
            }
            FashionMnist data = FashionMnist.locate(o.dataDir());
            all = data.load(FashionMnist.Split.TEST);
            name = "fashion-mnist-test";
            files = data.files(FashionMnist.Split.TEST);
        }
        int n = o.n() > 0 ? o.n() : Subsets.sizeFor(model.scoredWeights(), o.k(), all.size());
        Subsets.Split split = Subsets.split(all, n, Seeds.derive(o.seed(), "subset"));
        return new FinetuneData(name, split.subset(), split.rest(), files);
    }
}
