package dev.kiln.app.model;

import dev.kiln.CompilationException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Positions in a run's code told as positions in the editor: a run of a selection that starts on
 * editor line 5 reports its first line's errors as line 5, not line 1.
 */
final class EditorPositions {
    private EditorPositions() {}

    /** The compiler's errors, one a line: {@code line 5, column 9: incompatible types: ...}, in editor positions. */
    static String describe(List<CompilationException.Diagnostic> diagnostics, ResultEntry.Place place) {
        if (diagnostics.isEmpty()) {
            return "the code does not compile";
        }
        return diagnostics.stream()
                .map(d -> "line " + line(d, place) + ", column " + column(d, place) + ": " + d.message())
                .collect(Collectors.joining("\n"));
    }

    /** The editor line (from 1) of a diagnostic. */
    static int line(CompilationException.Diagnostic d, ResultEntry.Place place) {
        return place.line() + d.line();
    }

    /** The editor column (from 1) of a diagnostic: on the code's first line, counted from the line's start. */
    static int column(CompilationException.Diagnostic d, ResultEntry.Place place) {
        return d.line() == 1 ? place.column() + d.column() : d.column();
    }
}
