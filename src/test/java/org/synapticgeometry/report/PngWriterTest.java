package org.synapticgeometry.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The report's PNG writer against the JDK's ({@code ImageIO.write}), byte for byte. */
class PngWriterTest {

    @Test
    void imagesOfEverySizeAndContentAreTheBytesOfTheJdksWriter() throws IOException {
        Random rnd = new Random(5);
        // 1 × 1; a flat image; a noisy one whose IDAT needs several 32768-byte chunks; a chart-like one
        int[][] sizes = {{1, 1}, {37, 23}, {300, 200}, {820, 500}};
        for (int[] size : sizes) {
            for (boolean noisy : new boolean[] {false, true}) {
                BufferedImage image = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
                var g = image.createGraphics();
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, size[0], size[1]);
                g.setColor(new Color(0x1b9e77));
                g.drawLine(0, 0, size[0], size[1]);
                g.dispose();
                if (noisy) {
                    for (int y = 0; y < size[1]; y += 2) {
                        for (int x = 0; x < size[0]; x++) {
                            image.setRGB(x, y, rnd.nextInt());
                        }
                    }
                }
                ByteArrayOutputStream ours = new ByteArrayOutputStream();
                PngWriter.write(image, ours);
                ByteArrayOutputStream jdk = new ByteArrayOutputStream();
                ImageIO.write(image, "png", jdk);
                assertThat(ours.toByteArray()).as(size[0] + "x" + size[1] + (noisy ? " noisy" : "")).isEqualTo(jdk.toByteArray());
                if (noisy && size[0] == 820) {
                    assertThat(ours.size()).as("several IDAT chunks").isGreaterThan(3 * 32768);
                }
            }
        }
    }

    @Test
    void anImageOfAnotherTypeIsRefused() {
        BufferedImage argb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        assertThatThrownBy(() -> PngWriter.write(argb, new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TYPE_INT_RGB");
    }
}
