package dev.kiln;

import java.util.Arrays;

/**
 * An image a worker returned ({@code java.awt.image.BufferedImage}, {@code javafx.scene.image.Image}),
 * as a PNG file, for a host to show or save; the image object itself stays in the worker.
 *
 * <pre>{@code
 * RemoteValue v = (RemoteValue) worker.evalFetch(
 *         "new java.awt.image.BufferedImage(64, 32, java.awt.image.BufferedImage.TYPE_INT_RGB)");
 * RemoteImage img = v.image();          // v.kind() == RemoteValue.Kind.IMAGE
 * Files.write(Path.of("out.png"), img.png());
 * }</pre>
 *
 * @param png    the PNG file's bytes; at most 8 MB: a larger image's PNG is scaled down to fit
 * @param width  the image's width in pixels, in the worker
 * @param height the image's height in pixels, in the worker
 */
public record RemoteImage(byte[] png, int width, int height) {
    public RemoteImage {
        png = png.clone();
    }

    /** The PNG file's bytes (a copy). */
    @Override
    public byte[] png() {
        return png.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteImage r && r.width == width && r.height == height && Arrays.equals(r.png, png);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(png) * 31 + width * 17 + height;
    }

    @Override
    public String toString() {
        return "RemoteImage[" + width + "×" + height + ", PNG of " + png.length + " bytes]";
    }
}
