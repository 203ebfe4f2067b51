package dev.kiln.eval;

import java.util.List;

/**
 * Why an evaluation produced no value, as the evaluator sees it; the API turns each kind into
 * its own exception type.
 */
public final class EvaluationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** It does not compile: see {@link #diagnostics()}; nothing of it ran. */
        COMPILE,
        /** An interrupt stopped it (or kept it from running). */
        INTERRUPTED,
        /** The snippet threw: see {@link #className()} and {@link #stackTrace()}. */
        THROWN,
        /** The snippet engine could not run it. */
        ENGINE
    }

    /**
     * One compiler error, with positions in the evaluated source.
     *
     * @param line        1-based line
     * @param column      1-based column
     * @param startOffset 0-based offset of the start of the erroneous region
     * @param endOffset   0-based offset just past its end
     * @param message     the compiler's message
     */
    public record Diagnostic(int line, int column, int startOffset, int endOffset, String message) {}

    private final Kind kind;
    private final transient List<Diagnostic> diagnostics;
    private final String className;
    private final String stackTrace;

    private EvaluationException(
            Kind kind, String message, List<Diagnostic> diagnostics, String className, String stackTrace) {
        super(message, null, false, false);
        this.kind = kind;
        this.diagnostics = List.copyOf(diagnostics);
        this.className = className;
        this.stackTrace = stackTrace;
    }

    static EvaluationException compile(List<Diagnostic> diagnostics) {
        return new EvaluationException(Kind.COMPILE, "the snippet does not compile", diagnostics, "", "");
    }

    static EvaluationException interrupted(String message) {
        return new EvaluationException(Kind.INTERRUPTED, message, List.of(), "", "");
    }

    static EvaluationException thrown(String className, String message, String stackTrace) {
        return new EvaluationException(Kind.THROWN, message, List.of(), className, stackTrace);
    }

    static EvaluationException engine(String message) {
        return new EvaluationException(Kind.ENGINE, message, List.of(), "", "");
    }

    public Kind kind() {
        return kind;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** The class of what the snippet threw (for {@link Kind#THROWN}). */
    public String className() {
        return className;
    }

    /** The worker-side stack trace, as text (for {@link Kind#THROWN}). */
    public String stackTrace() {
        return stackTrace;
    }
}
