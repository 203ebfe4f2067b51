package dev.kiln.deps;

/** Dependencies could not be resolved; the message names them, says why, where Kiln looked, and what to do. */
public final class ResolutionException extends Exception {
    private static final long serialVersionUID = 1L;

    public ResolutionException(String message) {
        super(message);
    }
}
