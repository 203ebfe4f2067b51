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
        /** The snippet threw: see {@link #chain()}. */
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

    /**
     * One throwable of what the snippet threw: the thrown one first, then each cause.
     *
     * @param className its class in the worker
     * @param message   its message, or null
     * @param frames    its stack, innermost call first
     */
    public record Thrown(String className, String message, List<Frame> frames) {}

    /**
     * One stack frame. A frame of snippet code is in JShell's terms: {@code className} is the
     * class as declared in the snippet ("" for a top-level method or statement),
     * {@code methodName} is "" for a snippet's statement, {@code fileName} is {@code #id}.
     *
     * @param line       the line in the file; for snippet code the line within the snippet; negative if unknown
     * @param snippetId  the snippet's id for snippet code, else null
     * @param sourceLine for snippet code of this evaluation, the 1-based line in the evaluated source; else 0
     */
    public record Frame(
            String className, String methodName, String fileName, int line, String snippetId, int sourceLine) {}

    private final Kind kind;
    private final transient List<Diagnostic> diagnostics;
    private final transient List<Thrown> chain;

    private EvaluationException(Kind kind, String message, List<Diagnostic> diagnostics, List<Thrown> chain) {
        super(message, null, false, false);
        this.kind = kind;
        this.diagnostics = List.copyOf(diagnostics);
        this.chain = List.copyOf(chain);
    }

    static EvaluationException compile(List<Diagnostic> diagnostics) {
        return new EvaluationException(Kind.COMPILE, "the snippet does not compile", diagnostics, List.of());
    }

    static EvaluationException interrupted(String message) {
        return new EvaluationException(Kind.INTERRUPTED, message, List.of(), List.of());
    }

    /** The snippet threw {@code chain} (outermost first; empty only when the worker sent nothing readable). */
    static EvaluationException thrown(List<Thrown> chain) {
        List<Thrown> known =
                chain.isEmpty() ? List.of(new Thrown("?", "the worker sent no exception", List.of())) : chain;
        return new EvaluationException(Kind.THROWN, known.get(0).message(), List.of(), known);
    }

    static EvaluationException engine(String message) {
        return new EvaluationException(Kind.ENGINE, message, List.of(), List.of());
    }

    public Kind kind() {
        return kind;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** What the snippet threw, then its causes (for {@link Kind#THROWN}; empty otherwise). */
    public List<Thrown> chain() {
        return chain;
    }
}
