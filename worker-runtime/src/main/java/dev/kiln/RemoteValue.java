package dev.kiln;

import java.util.Objects;

/**
 * A result that is not plain data: the worker's object stays in the worker and
 * only its type name and its {@code toString()} travel to the host; for an image, also its
 * pixels, as a PNG ({@link #image()}).
 *
 * <p>Values that come back as data: null, primitives and their boxes, String, arrays, lists, sets,
 * maps, BigInteger/BigDecimal, UUID, java.time values, and enums and records whose classes
 * the host has; anything else arrives as a {@code RemoteValue} (type name and
 * {@code toString()}). The host never instantiates a class just because the worker named it.
 *
 * <pre>{@code
 * RemoteValue p = (RemoteValue) worker.evalFetch("record Point(int x, int y) {} new Point(1, 2)");
 * p.text();   // "Point[x=1, y=2]"
 * }</pre>
 *
 * @param typeName the worker-side class name of the object
 * @param text     the worker-side {@code toString()} of the object (possibly truncated)
 * @param image    the object as a PNG when it is an image ({@code java.awt.image.BufferedImage},
 *                 {@code javafx.scene.image.Image}), else null; see {@link #kind()}
 */
public record RemoteValue(String typeName, String text, RemoteImage image) {
    /** What a remote value carries besides its text. */
    public enum Kind {
        /** Its type name and text only. */
        TEXT,
        /** An image: {@link #image()} has its PNG. */
        IMAGE
    }

    public RemoteValue {
        Objects.requireNonNull(typeName, "typeName");
        Objects.requireNonNull(text, "text");
    }

    /** A value known by its type name and text only. */
    public RemoteValue(String typeName, String text) {
        this(typeName, text, null);
    }

    /** {@link Kind#IMAGE} when it carries an image, else {@link Kind#TEXT}. */
    public Kind kind() {
        return image == null ? Kind.TEXT : Kind.IMAGE;
    }

    @Override
    public String toString() {
        return text;
    }
}
