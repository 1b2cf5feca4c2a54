package org.synapticgeometry.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    @TempDir
    Path tmp;

    /** A uniformly coloured w×h PNG. */
    private static void png(Path file, int w, int h, int rgb) throws IOException {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                im.setRGB(x, y, rgb);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(im, "png", file.toFile());
    }

    @Test
    void classesAreSortedFolderNamesAndImagesAreResizedAndConverted() throws IOException {
        png(tmp.resolve("b-dog/1.png"), 10, 6, 0x00ff00);
        png(tmp.resolve("a-cat/1.png"), 5, 5, 0xff0000);
        png(tmp.resolve("a-cat/2.png"), 40, 40, 0x0000ff);
        LabeledImages rgb = ImageFolder.load(tmp, 3, 4, 4);
        assertThat(rgb.classNames()).containsExactly("a-cat", "b-dog");
        assertThat(rgb.labels()).containsExactly(0, 0, 1);
        // image 0 is pure red: 16 bytes of 255 (R plane), then 32 zeros (G and B planes)
        assertThat(rgb.pixels()[0] & 0xff).isEqualTo(255);
        assertThat(rgb.pixels()[16] & 0xff).isZero();
        assertThat(rgb.pixels()[48 + 32] & 0xff).as("image 1, B plane").isEqualTo(255);
        LabeledImages grey = ImageFolder.load(tmp, 1, 2, 2);
        // ITU-R 601 luma of pure green: round(0.587 * 255) = 150
        assertThat(grey.pixels()[8] & 0xff).isEqualTo(150);
    }

    @Test
    void emptyClassFolderIsRejected() throws IOException {
        Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> ImageFolder.load(tmp, 1, 28, 28))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class folder " + tmp.resolve("empty") + " has no image (.png, .jpg, .bmp, .gif); add images"
                        + " or remove the folder");
    }

    @Test
    void undecodableImageIsRejected() throws IOException {
        Files.createDirectories(tmp.resolve("c"));
        Files.writeString(tmp.resolve("c/broken.png"), "not a png");
        assertThatThrownBy(() -> ImageFolder.load(tmp, 1, 28, 28))
                .hasMessage("image " + tmp.resolve("c/broken.png") + " cannot be decoded; use PNG, JPEG, BMP or GIF");
    }
}
