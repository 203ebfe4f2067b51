package dev.kiln.worker;

import dev.kiln.wire.ImageValue;
import dev.kiln.wire.ValueCodec;
import java.lang.reflect.Method;

/**
 * Values that are images travel as PNGs, so that a host can show them: a
 * {@code java.awt.image.BufferedImage} or a {@code javafx.scene.image.Image}. Both are found by
 * class name and read by reflection: a worker needs neither AWT nor JavaFX to run, and touches
 * them only when a value is one (AWT's pixels need no display, nor its toolkit).
 */
final class ImageValues {
    static final String AWT_IMAGE = "java.awt.image.BufferedImage";
    static final String FX_IMAGE = "javafx.scene.image.Image";
    /** Largest PNG sent; a larger image is scaled down (by whole steps) until it fits. */
    static final int MAX_PNG_BYTES = 8 * 1024 * 1024;
    /** Most pixels read from an image; a larger one is sampled down to about this many first. */
    static final long MAX_PIXELS = 16L * 1024 * 1024;

    private ImageValues() {}

    /** Pixels read from an image: {@code argb} is {@code width} by {@code height}, maybe sampled down. */
    private record Pixels(int[] argb, int width, int height) {
        /** Every {@code step}-th pixel of every {@code step}-th row. */
        Pixels sample(int step) {
            int sw = Math.max(1, width / step);
            int sh = Math.max(1, height / step);
            int[] out = new int[sw * sh];
            for (int y = 0; y < sh; y++) {
                for (int x = 0; x < sw; x++) {
                    out[y * sw + x] = argb[y * step * width + x * step];
                }
            }
            return new Pixels(out, sw, sh);
        }
    }

    /** The value as an image on the wire, or null when it is not an image (or cannot be read as one). */
    static ImageValue toWire(Object value) {
        Class<?> kind = imageClass(value);
        if (kind == null) {
            return null;
        }
        try {
            int[] size = new int[2];
            Pixels read = kind.getName().equals(AWT_IMAGE) ? awtPixels(kind, value, size) : fxPixels(kind, value, size);
            if (read == null) {
                return null;
            }
            int step = 1;
            while (true) {
                Pixels p = step == 1 ? read : read.sample(step);
                byte[] png = Png.encode(p.argb(), p.width(), p.height());
                if (png.length <= MAX_PNG_BYTES || (p.width() == 1 && p.height() == 1)) {
                    return new ImageValue(
                            value.getClass().getName(), ValueCodec.safeToString(value), png, size[0], size[1]);
                }
                // Too large: fewer pixels, about in proportion to how much too large it was.
                step = Math.max(step + 1, (int) Math.ceil(step * Math.sqrt((double) png.length / MAX_PNG_BYTES)));
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null; // not readable as an image after all: it travels as text, like any other object
        }
    }

    /** BufferedImage or JavaFX's Image among the value's classes, or null. */
    private static Class<?> imageClass(Object value) {
        for (Class<?> c = value == null ? null : value.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(AWT_IMAGE) || c.getName().equals(FX_IMAGE)) {
                return c;
            }
        }
        return null;
    }

    private static Pixels awtPixels(Class<?> type, Object image, int[] size) throws ReflectiveOperationException {
        int w = (int) type.getMethod("getWidth").invoke(image);
        int h = (int) type.getMethod("getHeight").invoke(image);
        int step = step(w, h);
        size[0] = w;
        size[1] = h;
        Method getRgb =
                type.getMethod("getRGB", int.class, int.class, int.class, int.class, int[].class, int.class, int.class);
        if (step == 1) {
            int[] argb = new int[w * h];
            getRgb.invoke(image, 0, 0, w, h, argb, 0, w);
            return new Pixels(argb, w, h);
        }
        return sampleRows(w, h, step, (y, row) -> getRgb.invoke(image, 0, y, w, 1, row, 0, w));
    }

    private static Pixels fxPixels(Class<?> type, Object image, int[] size) throws ReflectiveOperationException {
        Object reader = type.getMethod("getPixelReader").invoke(image);
        if (reader == null) {
            return null; // not loaded (yet), or failed to load
        }
        int w = (int) Math.round((double) type.getMethod("getWidth").invoke(image));
        int h = (int) Math.round((double) type.getMethod("getHeight").invoke(image));
        ClassLoader loader = type.getClassLoader();
        Class<?> readerType = Class.forName("javafx.scene.image.PixelReader", false, loader);
        Class<?> formatType = Class.forName("javafx.scene.image.PixelFormat", false, loader);
        Class<?> writableFormat = Class.forName("javafx.scene.image.WritablePixelFormat", false, loader);
        Object argbFormat = formatType.getMethod("getIntArgbInstance").invoke(null);
        Method getPixels = readerType.getMethod(
                "getPixels",
                int.class,
                int.class,
                int.class,
                int.class,
                writableFormat,
                int[].class,
                int.class,
                int.class);
        size[0] = w;
        size[1] = h;
        int step = step(w, h);
        if (step == 1) {
            int[] argb = new int[w * h];
            getPixels.invoke(reader, 0, 0, w, h, argbFormat, argb, 0, w);
            return new Pixels(argb, w, h);
        }
        return sampleRows(w, h, step, (y, row) -> getPixels.invoke(reader, 0, y, w, 1, argbFormat, row, 0, w));
    }

    /** How many pixels of a side make one of the image that is read: 1 unless it has more than MAX_PIXELS. */
    private static int step(int w, int h) {
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("an empty image");
        }
        return (int) Math.max(1, Math.ceil(Math.sqrt((double) w * h / MAX_PIXELS)));
    }

    private interface RowReader {
        void read(int y, int[] row) throws ReflectiveOperationException;
    }

    /** Every {@code step}-th pixel of every {@code step}-th row, read a row at a time. */
    private static Pixels sampleRows(int w, int h, int step, RowReader rows) throws ReflectiveOperationException {
        int sw = Math.max(1, w / step);
        int sh = Math.max(1, h / step);
        int[] row = new int[w];
        int[] out = new int[sw * sh];
        for (int y = 0; y < sh; y++) {
            rows.read(y * step, row);
            for (int x = 0; x < sw; x++) {
                out[y * sw + x] = row[x * step];
            }
        }
        return new Pixels(out, sw, sh);
    }
}
