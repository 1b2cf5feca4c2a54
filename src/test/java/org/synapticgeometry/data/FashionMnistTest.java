package org.synapticgeometry.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    @TempDir
    Path tmp;

    @Test
    void realFilesHaveTheDocumentedSizesAndBalancedClasses() {
        FashionMnistTestData.requireFashionMnist();
        FashionMnist data = FashionMnist.locate(null);
        LabeledImages train = data.load(FashionMnist.Split.TRAIN);
        LabeledImages test = data.load(FashionMnist.Split.TEST);
        assertThat(train.size()).isEqualTo(60000);
        assertThat(test.size()).isEqualTo(10000);
        assertThat(train.rows()).isEqualTo(28);
        assertThat(train.cols()).isEqualTo(28);
        int[] six = new int[10];
        Arrays.fill(six, 6000);
        int[] one = new int[10];
        Arrays.fill(one, 1000);
        assertThat(train.classCounts()).containsExactly(six);
        assertThat(test.classCounts()).containsExactly(one);
    }

    @Test
    void dataDirOptionWinsOverEnvironmentAndAcceptsRawFiles() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("fashion-mnist"));
        FashionMnistTestData.writeTinySplit(dir, "train", 3);
        FashionMnistTestData.writeTinySplit(dir, "t10k", 2);
        FashionMnist data = FashionMnist.locate(dir, "/nonexistent");
        assertThat(data.dir()).isEqualTo(dir);
        LabeledImages test = data.load(FashionMnist.Split.TEST);
        assertThat(test.size()).isEqualTo(2);
        assertThat(test.labels()).containsExactly(0, 1);
        assertThat(FashionMnist.locate(null, tmp.toString()).dir()).as("SGEO_DATA/fashion-mnist").isEqualTo(dir);
    }

    @Test
    void missingDatasetSaysHowToInstall() {
        Path empty = tmp.resolve("nothing");
        assertThatThrownBy(() -> FashionMnist.locate(empty, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Fashion-MNIST not found in " + empty + " (--data-dir; missing train-images-idx3-ubyte[.gz]")
                .hasMessageContaining("install it with `apt-get install -y dataset-fashion-mnist`")
                .hasMessageContaining("or pass --data-dir / set SGEO_DATA");
    }

    @Test
    void disagreeingCountsAreRejected() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("fm"));
        FashionMnistTestData.writeTinySplit(dir, "train", 3);
        FashionMnistTestData.writeTinySplit(dir, "t10k", 2);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"),
                FashionMnistTestData.idx(IdxFile.LABELS_MAGIC, new int[] {3}, new byte[] {0, 1, 2}));
        assertThatThrownBy(() -> FashionMnist.locate(dir, null).load(FashionMnist.Split.TEST))
                .hasMessageContaining("has 2 images but").hasMessageContaining("has 3 labels; replace the files");
    }
}
