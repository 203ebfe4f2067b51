package dev.kiln.app.model;

import dev.kiln.StreamKind;

/**
 * One line of a worker's output as the output view shows it.
 *
 * @param stream stdout or stderr (shown red)
 * @param text   the line without its line break
 * @param open   true while the line has not ended yet (more text of it may follow)
 */
public record OutputLine(StreamKind stream, String text, boolean open) {
    public boolean isError() {
        return stream == StreamKind.STDERR;
    }

    @Override
    public String toString() {
        return text;
    }
}
