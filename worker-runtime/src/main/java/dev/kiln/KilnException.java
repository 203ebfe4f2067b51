package dev.kiln;

/** The root of every exception Kiln throws. Unchecked. */
public class KilnException extends RuntimeException {
    public KilnException(String message) {
        super(message);
    }

    public KilnException(String message, Throwable cause) {
        super(message, cause);
    }
}
