package org.synapticgeometry.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
    @TempDir
    Path tmp;

    static Path write(Path file, byte[] bytes, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes);
        }
        return file;
    }

    @Test
    void readsRawAndGzipImagesIdentically() throws IOException {
        byte[] pixels = {0, 1, 2, 3, 4, 5, (byte) 250, (byte) 255, 9, 10, 11, 12};
        byte[] file = FashionMnistTestData.idx(IdxFile.IMAGES_MAGIC, new int[] {2, 2, 3}, pixels);
        for (boolean gzip : new boolean[] {false, true}) {
            IdxFile.Images im = IdxFile.readImages(write(tmp.resolve("im" + gzip), file, gzip));
            assertThat(im.count()).isEqualTo(2);
            assertThat(im.rows()).isEqualTo(2);
            assertThat(im.cols()).isEqualTo(3);
            assertThat(im.pixels()).containsExactly(pixels);
        }
    }

    @Test
    void readsLabels() throws IOException {
        Path f = write(tmp.resolve("l.gz"), FashionMnistTestData.idx(IdxFile.LABELS_MAGIC, new int[] {3}, new byte[] {7, 0, 9}), true);
        assertThat(IdxFile.readLabels(f)).containsExactly(7, 0, 9);
    }

    @Test
    void rejectsBadMagic() throws IOException {
        Path f = write(tmp.resolve("x"), FashionMnistTestData.idx(IdxFile.LABELS_MAGIC, new int[] {1, 1, 1}, new byte[] {1}), false);
        assertThatThrownBy(() -> IdxFile.readImages(f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("IDX file " + f + " has magic number 0x00000801, expected 0x00000803; the file is corrupt"
                        + " or not an IDX image file: replace it (e.g. reinstall dataset-fashion-mnist)");
    }

    @Test
    void rejectsTruncatedFile() throws IOException {
        Path f = write(tmp.resolve("t.gz"), FashionMnistTestData.idx(IdxFile.IMAGES_MAGIC, new int[] {2, 2, 2}, new byte[7]), true);
        assertThatThrownBy(() -> IdxFile.readImages(f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("IDX file " + f + " is truncated: its header declares 8 data bytes but the file ends early;"
                        + " replace it (e.g. reinstall dataset-fashion-mnist)");
    }

    @Test
    void rejectsNonPositiveCount() throws IOException {
        Path f = write(tmp.resolve("z"), FashionMnistTestData.idx(IdxFile.LABELS_MAGIC, new int[] {-5}, new byte[0]), false);
        assertThatThrownBy(() -> IdxFile.readLabels(f))
                .hasMessage("IDX file " + f + ": label count must be > 0, found -5; the file is corrupt: replace it");
    }
}
