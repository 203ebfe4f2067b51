package dev.kiln;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A snippet did not compile. Nothing of it ran; the worker is unchanged.
 * {@link #diagnostics()} gives each error with its position in the source that was
 * passed to {@code eval}.
 */
public class CompilationException extends KilnException {
    private final List<Diagnostic> diagnostics;

    public CompilationException(List<Diagnostic> diagnostics) {
        super(describe(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    private static String describe(List<Diagnostic> diagnostics) {
        if (diagnostics.isEmpty()) {
            return "the snippet does not compile";
        }
        return diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n"));
    }

    /** The compiler's errors, in source order. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /**
     * One compiler error.
     *
     * @param line     1-based line in the evaluated source
     * @param column   1-based column in that line
     * @param startOffset 0-based offset of the start of the erroneous region in the evaluated source
     * @param endOffset   0-based offset just past its end
     * @param message  the compiler's message
     */
    public record Diagnostic(int line, int column, int startOffset, int endOffset, String message) {
        @Override
        public String toString() {
            return "line " + line + ", column " + column + ": " + message;
        }
    }
}
