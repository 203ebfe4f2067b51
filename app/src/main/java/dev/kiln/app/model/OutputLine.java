package dev.kiln.app.model;

import dev.kiln.StreamKind;

/**
 * One line of a worker's output as the output view shows it.
 *
 * @param stream    stdout or stderr (shown red)
 * @param text      the line without its line break
 * @param open      true while the line has not ended yet (more text of it may follow)
 * @param marker    true for a line the workbench wrote between the worker's lines (a run's separator, a
 *                  restart), not the worker
 * @param inputFrom where the text the user typed for the worker's {@code System.in} starts in {@code text}
 *                  (the part before it is the prompt the worker printed); -1 for a line without typed input
 */
public record OutputLine(StreamKind stream, String text, boolean open, boolean marker, int inputFrom) {
    /** A line the worker wrote. */
    public OutputLine(StreamKind stream, String text, boolean open) {
        this(stream, text, open, false, -1);
    }

    /** A line the worker wrote, or a marker line of the workbench's own. */
    public OutputLine(StreamKind stream, String text, boolean open, boolean marker) {
        this(stream, text, open, marker, -1);
    }

    public boolean isError() {
        return stream == StreamKind.STDERR && !marker;
    }

    /** Whether part of this line is input the user typed (an echo). */
    public boolean hasInput() {
        return inputFrom >= 0;
    }

    /** This line with {@code more} of it appended: the rest of an open line (its typed input, if any, kept in place). */
    OutputLine then(OutputLine more) {
        int input = more.inputFrom >= 0 ? text.length() + more.inputFrom : inputFrom;
        return new OutputLine(stream, text + more.text, more.open, marker, input);
    }

    @Override
    public String toString() {
        return text;
    }
}
