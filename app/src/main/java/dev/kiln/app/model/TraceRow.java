package dev.kiln.app.model;

import dev.kiln.RemoteException;
import dev.kiln.RemoteFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a worker's stack trace as the workbench shows it: read like the JDK and the
 * {@code jshell} tool print a trace, with the machinery's frames folded.
 *
 * <pre>{@code
 * java.lang.RuntimeException: java.lang.NumberFormatException: x     Heading
 *     at fail (#1:1)                                                 Frame (snippet code: a link to its line)
 *     at (#2:1)                                                      Frame
 *     … 5 internal frames                                            Internal (reflection, JShell, Kiln)
 * Caused by: java.lang.NumberFormatException: x                      Heading (a cause)
 *     ... 6 more                                                     More (shared with the trace above)
 * }</pre>
 */
public sealed interface TraceRow {
    /** How far frame lines are indented (four spaces: a narrow pane wraps less than after a tab). */
    String INDENT = "    ";

    /** The line's text, as shown (frames indented by {@link #INDENT}). */
    String text();

    /** The exception's class and message; a cause's starts with {@code Caused by: }. */
    record Heading(String text, boolean cause) implements TraceRow {}

    /** A frame of the user's code (or of a library it called). */
    record Frame(RemoteFrame frame) implements TraceRow {
        @Override
        public String text() {
            return INDENT + "at " + frame;
        }

        /** Whether the frame is the code of the run that threw, so it has a line in that run's source. */
        public boolean inRunSource() {
            return frame.isSnippet() && frame.sourceLine() > 0;
        }
    }

    /** Frames of the machinery that ran the code (reflection, JShell's engine, Kiln), one after another: folded. */
    record Internal(List<RemoteFrame> frames) implements TraceRow {
        @Override
        public String text() {
            return INDENT + "… " + label();
        }

        /** {@code 3 internal frames}. */
        public String label() {
            return frames.size() + (frames.size() == 1 ? " internal frame" : " internal frames");
        }
    }

    /** The frames a cause shares with the exception it caused, counted as the JDK does. */
    record More(long count) implements TraceRow {
        @Override
        public String text() {
            return INDENT + "... " + count + " more";
        }
    }

    /** The rows of {@code e} and its causes, in the order the JDK prints them. */
    static List<TraceRow> of(RemoteException e) {
        List<TraceRow> rows = new ArrayList<>();
        rows.add(new Heading(heading(e), false));
        frames(rows, e.frames(), e.frames().size());
        List<RemoteFrame> enclosing = e.frames();
        for (RemoteException c = e.getCause(); c != null; c = c.getCause()) {
            List<RemoteFrame> own = c.frames();
            int common = 0;
            while (common < own.size()
                    && common < enclosing.size()
                    && own.get(own.size() - 1 - common).equals(enclosing.get(enclosing.size() - 1 - common))) {
                common++;
            }
            rows.add(new Heading("Caused by: " + heading(c), true));
            frames(rows, own, own.size() - common);
            long shared = own.subList(own.size() - common, own.size()).stream()
                    .filter(f -> !f.machinery())
                    .count();
            if (shared > 0) {
                rows.add(new More(shared));
            }
            enclosing = own;
        }
        return List.copyOf(rows);
    }

    /**
     * The innermost frame of the run's own code in {@code e} (else in its causes, outermost first):
     * the line where it went wrong. Null when no frame is in the run's source.
     */
    static RemoteFrame innermostInRun(RemoteException e) {
        for (RemoteException at = e; at != null; at = at.getCause()) {
            for (RemoteFrame f : at.frames()) {
                if (f.isSnippet() && f.sourceLine() > 0) {
                    return f;
                }
            }
        }
        return null;
    }

    /** {@code java.lang.ArithmeticException: / by zero}: the real class, then the message if any. */
    static String heading(RemoteException e) {
        return e.remoteMessage() == null ? e.exceptionClassName() : e.exceptionClassName() + ": " + e.remoteMessage();
    }

    private static void frames(List<TraceRow> rows, List<RemoteFrame> frames, int count) {
        List<RemoteFrame> internal = new ArrayList<>();
        for (RemoteFrame f : frames.subList(0, count)) {
            if (f.machinery()) {
                internal.add(f);
                continue;
            }
            if (!internal.isEmpty()) {
                rows.add(new Internal(List.copyOf(internal)));
                internal.clear();
            }
            rows.add(new Frame(f));
        }
        if (!internal.isEmpty()) {
            rows.add(new Internal(List.copyOf(internal)));
        }
    }
}
