package dev.kiln.eval;

import dev.kiln.wire.StackFrame;
import dev.kiln.wire.Thrown;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jshell.JShellException;

/**
 * What a snippet threw, with frames that point at the user's code. JShell translates the
 * frames of snippet classes ({@code REPL.$JShell$29.divide($JShell$29.java:6)}) into snippet
 * terms ({@code divide} in snippet {@code #1}, line 2 of it) and cuts the trace after the
 * snippet's entry; this class keeps JShell's frames, puts the cut frames (reflection and
 * Kiln's machinery, which a UI folds) back from the worker's raw trace, and adds to each
 * snippet frame its line in the evaluated source when the snippet was part of the evaluation.
 */
final class SnippetTraces {
    private static final String WRAPPER_PREFIX = "REPL.$JShell$";

    /** Snippet id → the line of the evaluated source where that snippet's first line is. */
    private final Map<String, Integer> firstLines = new HashMap<>();

    /** A new evaluation starts: snippets of earlier ones have no line in its source. */
    void clear() {
        firstLines.clear();
    }

    /** Snippet {@code id} of the running evaluation starts at line {@code firstLine} (1-based) of its source. */
    void placed(String id, int firstLine) {
        firstLines.put(id, firstLine);
    }

    /**
     * The chain as the API reports it: real class names and messages from the worker, frames as
     * JShell translated them, followed by the frames JShell cut.
     *
     * @param translated JShell's exception for what the snippet threw (its causes follow the chain)
     * @param raw        the chain as the worker sent it, outermost first
     */
    List<EvaluationException.Thrown> chain(JShellException translated, Thrown[] raw) {
        List<EvaluationException.Thrown> out = new ArrayList<>();
        Throwable t = translated;
        for (Thrown r : Thrown.bounded(raw)) {
            StackFrame[] rawFrames = r.frames();
            StackTraceElement[] mapped = t == null ? new StackTraceElement[0] : t.getStackTrace();
            List<EvaluationException.Frame> frames = new ArrayList<>(rawFrames.length);
            for (int i = 0; i < rawFrames.length; i++) {
                StackFrame f = StackFrame.orUnknown(rawFrames[i]);
                boolean snippetCode = f.className().startsWith(WRAPPER_PREFIX);
                frames.add(i < mapped.length && snippetCode ? snippetFrame(mapped[i]) : rawFrame(f));
            }
            out.add(new EvaluationException.Thrown(r.className(), r.message(), frames));
            t = t == null ? null : t.getCause();
        }
        return out;
    }

    /** A chain with no snippet frames to translate (a failure in the snippet engine, not in the snippet). */
    static List<EvaluationException.Thrown> raw(Thrown[] raw) {
        List<EvaluationException.Thrown> out = new ArrayList<>();
        for (Thrown r : Thrown.bounded(raw)) {
            List<EvaluationException.Frame> frames = new ArrayList<>();
            for (StackFrame f : r.frames()) {
                frames.add(rawFrame(StackFrame.orUnknown(f)));
            }
            out.add(new EvaluationException.Thrown(r.className(), r.message(), frames));
        }
        return out;
    }

    private EvaluationException.Frame snippetFrame(StackTraceElement e) {
        String file = e.getFileName();
        String id = file != null && file.startsWith("#") ? file.substring(1) : null;
        Integer first = id == null ? null : firstLines.get(id);
        int line = e.getLineNumber();
        int sourceLine = first != null && line > 0 ? first + line - 1 : 0;
        return new EvaluationException.Frame(e.getClassName(), e.getMethodName(), file, line, id, sourceLine);
    }

    private static EvaluationException.Frame rawFrame(StackFrame f) {
        return new EvaluationException.Frame(f.className(), f.methodName(), f.fileName(), f.line(), null, 0);
    }
}
