package dev.kiln.app.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Something the status bar tells the user: an error (shown in the theme's danger colour, until
 * something replaces it) or information (neutral, fading after a few seconds).
 *
 * @param text what happened, to what, and what to do next
 * @param kind error or information
 * @param at   when it was said: of two notices the status bar shows the newer
 */
public record Notice(String text, Kind kind, Instant at) {
    public enum Kind {
        /** Something failed; stays until replaced. */
        ERROR,
        /** Something worked, or a hint; fades. */
        INFO
    }

    public Notice {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }

    public static Notice error(String text) {
        return new Notice(text, Kind.ERROR, Instant.now());
    }

    public static Notice info(String text) {
        return new Notice(text, Kind.INFO, Instant.now());
    }

    public boolean isError() {
        return kind == Kind.ERROR;
    }

    /** The newer of two notices, either of which may be null. */
    static Notice newer(Notice a, Notice b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.at().isAfter(a.at()) ? b : a;
    }
}
