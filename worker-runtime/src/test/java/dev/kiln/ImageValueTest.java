package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** An image a snippet returns arrives as a PNG of its size; a worker without AWT runs as ever. */
class ImageValueTest {
    @Test
    void aBufferedImageArrivesAsAPngWithItsWidthHeightAndPixels() throws Exception {
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            Object v = w.evalFetch("""
                    var img = new java.awt.image.BufferedImage(64, 32, java.awt.image.BufferedImage.TYPE_INT_ARGB);
                    img.setRGB(3, 4, 0xffff0000);
                    img.setRGB(63, 31, 0x800000ff);
                    img
                    """);
            assertThat(v).isInstanceOf(RemoteValue.class);
            RemoteValue rv = (RemoteValue) v;
            assertThat(rv.kind()).isEqualTo(RemoteValue.Kind.IMAGE);
            assertThat(rv.typeName()).isEqualTo("java.awt.image.BufferedImage");
            assertThat(rv.text()).startsWith("BufferedImage@");
            RemoteImage image = rv.image();
            assertThat(image.width()).isEqualTo(64);
            assertThat(image.height()).isEqualTo(32);
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(image.png()));
            assertThat(png.getWidth()).isEqualTo(64);
            assertThat(png.getHeight()).isEqualTo(32);
            assertThat(png.getRGB(3, 4)).isEqualTo(0xffff0000);
            assertThat(png.getRGB(63, 31)).isEqualTo(0x800000ff);
            assertThat(png.getRGB(0, 0) >>> 24).isZero();
        }
    }

    @Test
    void anImageTooLargeForTheCapArrivesScaledDownWithItsOwnSize() throws Exception {
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            // Random pixels do not compress: 2000 x 2000 of them make a PNG of about 12 MB.
            RemoteValue rv = (RemoteValue) w.evalFetch("""
                    var noise = new java.awt.image.BufferedImage(2000, 2000, java.awt.image.BufferedImage.TYPE_INT_RGB);
                    var random = new Random(1);
                    for (int y = 0; y < 2000; y++) for (int x = 0; x < 2000; x++) noise.setRGB(x, y, random.nextInt());
                    noise
                    """);
            RemoteImage image = rv.image();
            assertThat(image.width()).isEqualTo(2000);
            assertThat(image.height()).isEqualTo(2000);
            assertThat(image.png().length).isLessThanOrEqualTo(8 * 1024 * 1024);
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(image.png()));
            assertThat(png.getWidth()).isLessThan(2000).isEqualTo(png.getHeight());
        }
    }

    @Test
    void aWorkerWithoutAwtEvaluatesAndReturnsValuesAsEver() {
        WorkerSpec spec = WorkerSpec.builder()
                .echoOutput(false)
                .jvmArgs("--limit-modules", "jdk.jshell,jdk.management,jdk.unsupported,jdk.zipfs")
                .build();
        try (Worker w = Worker.start(spec)) {
            assertThat(w.evalFetch("ModuleLayer.boot().findModule(\"java.desktop\").isPresent()"))
                    .isEqualTo(false);
            assertThat(w.evalFetch("\"plain\"")).isEqualTo("plain");
            assertThat(w.evalFetch("new Object()"))
                    .isInstanceOfSatisfying(
                            RemoteValue.class, v -> assertThat(v.kind()).isEqualTo(RemoteValue.Kind.TEXT));
        }
    }
}
