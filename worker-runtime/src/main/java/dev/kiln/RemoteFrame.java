package dev.kiln;

import java.io.Serializable;

/**
 * One frame of a stack trace from a worker, innermost call first, as data.
 *
 * <p>A frame of snippet code is in the terms of the snippet, as the {@code jshell} tool shows
 * it: {@link #snippetId()} names the snippet ({@code "1"} for the first one the worker ran),
 * {@link #lineNumber()} is the line within that snippet, and when the snippet was part of the
 * evaluation that threw, {@link #sourceLine()} is its line in the source given to {@code eval},
 * the line an editor marks. Frames of the machinery that ran the code (reflection, JShell's
 * engine, Kiln's own classes, the worker thread under them) are {@link #machinery()}: a UI folds
 * them, and {@link RemoteException#remoteStackTrace()} leaves them out.
 *
 * <pre>{@code
 * catch (RemoteException e) {
 *     for (RemoteFrame f : e.frames()) {
 *         if (f.sourceLine() > 0) editor.markLine(f.sourceLine());   // divide(...), line 2 of the source
 *     }
 * }
 * }</pre>
 *
 * @param className  the class, e.g. {@code java.lang.Integer}; for snippet code the class as declared in
 *                   the snippet ({@code "Point"}), or "" for a top-level method or statement
 * @param methodName the method; "" for a snippet's top-level statement
 * @param fileName   the source file, {@code #1} for snippet 1; null if unknown
 * @param lineNumber the line in that file (for snippet code: within the snippet, from 1); negative if unknown
 * @param snippetId  the snippet's id for snippet code, else null
 * @param sourceLine for snippet code of the evaluation that threw, the 1-based line in its source; else 0
 * @param machinery  reflection, JShell's engine or Kiln's machinery rather than the user's code
 */
public record RemoteFrame(
        String className,
        String methodName,
        String fileName,
        int lineNumber,
        String snippetId,
        int sourceLine,
        boolean machinery)
        implements Serializable {

    /** Whether this frame is snippet code (see {@link #snippetId()}). */
    public boolean isSnippet() {
        return snippetId != null;
    }

    /**
     * The frame as a stack trace line shows it after {@code at }: snippet code as the jshell tool
     * does ({@code divide (#1:2)}, {@code Point.norm (#3:4)}), other code as the JDK does
     * ({@code java.lang.Integer.parseInt(Integer.java:652)}).
     */
    @Override
    public String toString() {
        String place = lineNumber == -2
                ? "Native Method"
                : fileName == null ? "Unknown Source" : lineNumber >= 0 ? fileName + ":" + lineNumber : fileName;
        if (isSnippet()) {
            String where = className.isEmpty() ? methodName : className + "." + methodName;
            return where.isEmpty() ? "(" + place + ")" : where + " (" + place + ")";
        }
        return className + "." + methodName + "(" + place + ")";
    }
}
