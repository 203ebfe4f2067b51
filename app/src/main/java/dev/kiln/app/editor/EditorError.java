package dev.kiln.app.editor;

/**
 * A compile error placed in the editor's text.
 *
 * @param line    0-based paragraph of the editor
 * @param start   offset in the editor where the erroneous region starts
 * @param end     offset just past it (at least start + 1 when the text allows)
 * @param message the compiler's message
 */
public record EditorError(int line, int start, int end, String message) {}
