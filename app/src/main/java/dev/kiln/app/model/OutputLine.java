package dev.kiln.app.model;

import dev.kiln.StreamKind;

/**
 * One line of a worker's output as the output view shows it.
 *
 * @param stream stdout or stderr (shown red)
 * @param text   the line without its line break
 * @param open   true while the line has not ended yet (more text of it may follow)
 * @param marker true for a line the workbench wrote between the worker's lines (a restart), not the worker
 */
public record OutputLine(StreamKind stream, String text, boolean open, boolean marker) {
    /** A line the worker wrote. */
    public OutputLine(StreamKind stream, String text, boolean open) {
        this(stream, text, open, false);
    }

    public boolean isError() {
        return stream == StreamKind.STDERR && !marker;
    }

    @Override
    public String toString() {
        return text;
    }
}
