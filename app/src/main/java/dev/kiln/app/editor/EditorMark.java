package dev.kiln.app.editor;

/**
 * Something marked on a line of the editor: a compile error, the line where a run's code threw, or
 * the line of a stack frame the user asked to see. Marks go when the text changes.
 *
 * @param kind    what the mark says
 * @param line    0-based paragraph of the editor
 * @param start   offset in the editor where the marked region starts
 * @param end     offset just past it (at least start + 1 when the text allows)
 * @param message what the mark is about (the compiler's message, the exception), shown on hover
 */
public record EditorMark(Kind kind, int line, int start, int end, String message) {
    public enum Kind {
        /** The compiler refused this code; underlined, with a dot in the gutter. */
        COMPILE_ERROR("compile-error"),
        /** A run threw here (the innermost frame of its own code); underlined, with a dot in the gutter. */
        RUNTIME_ERROR("runtime-error"),
        /** The line of a stack frame the user clicked; highlighted, with an arrow in the gutter. */
        FRAME("frame-line");

        private final String styleClass;

        Kind(String styleClass) {
            this.styleClass = styleClass;
        }

        /** The style class of the marked text, and of its gutter marker with {@code -marker} appended. */
        public String styleClass() {
            return styleClass;
        }

        /** Whether it marks an error (a dot in the gutter). */
        public boolean isError() {
            return this != FRAME;
        }
    }
}
