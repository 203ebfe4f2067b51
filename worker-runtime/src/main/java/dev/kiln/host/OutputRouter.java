package dev.kiln.host;

import dev.kiln.concurrent.LazyLogger;
import dev.kiln.wire.Message;
import dev.kiln.wire.StdStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where a worker's output goes on the host: the listeners, the echo on the host's own
 * streams ({@code [name pid] line}), and a tail of stderr kept for error messages.
 * Listeners run on the thread that received the output, in the order the worker's code
 * wrote it (both streams in one sequence); a slow listener slows the worker down rather than
 * losing text.
 */
public final class OutputRouter {
    private static final System.Logger LOG = LazyLogger.of(OutputRouter.class);
    static final int TAIL_CHARS = 8 * 1024;

    /** Receives output as it arrives. */
    @FunctionalInterface
    public interface Listener {
        void accept(StdStream stream, String text, Instant at);
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final StringBuilder stderrTail = new StringBuilder();
    private final StringBuilder echoOut = new StringBuilder();
    private final StringBuilder echoErr = new StringBuilder();
    /** The longest partial line the echo holds back; a longer one is printed in pieces, each marked. */
    static final int MAX_PENDING_LINE = 64 * 1024;

    private final boolean echo;
    private final PrintStream echoOutTarget;
    private final PrintStream echoErrTarget;
    private volatile String prefix = "";

    public OutputRouter(boolean echo) {
        this(echo, System.out, System.err);
    }

    /** Echoes (when {@code echo}) to these streams instead of the host's own. */
    OutputRouter(boolean echo, PrintStream out, PrintStream err) {
        this.echo = echo;
        this.echoOutTarget = out;
        this.echoErrTarget = err;
    }

    public void setPrefix(String name, long pid) {
        this.prefix = "[" + name + " " + pid + "] ";
    }

    /** Adds a listener; running the returned action removes it. */
    public Runnable subscribe(Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Text read from the process's own pipes (JVM messages, native code). Both streams go into
     * the error tail: HotSpot prints a crash report (SIGSEGV...) on stdout.
     */
    public void acceptRaw(StdStream stream, String text) {
        accept(stream, text, true);
    }

    /** Text the worker's code printed, forwarded over the connection: its pieces in the order they were written. */
    public void accept(Message.Output output) {
        StdStream[] streams = output.streams();
        String[] texts = output.texts();
        if (streams == null || texts == null) {
            return;
        }
        for (int i = 0; i < Math.min(streams.length, texts.length); i++) {
            if (streams[i] != null && texts[i] != null) {
                accept(streams[i], texts[i], false);
            }
        }
    }

    private void accept(StdStream stream, String text, boolean raw) {
        if (text.isEmpty()) {
            return;
        }
        if (stream == StdStream.STDERR || raw) {
            synchronized (stderrTail) {
                stderrTail.append(text);
                if (stderrTail.length() > TAIL_CHARS * 2) {
                    stderrTail.delete(0, stderrTail.length() - TAIL_CHARS);
                }
            }
        }
        if (echo) {
            echo(stream, text);
        }
        Instant now = Instant.now();
        for (Listener l : listeners) {
            try {
                l.accept(stream, text, now);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "an output listener failed", e);
            }
        }
    }

    /**
     * Prints complete lines with the prefix; a partial line waits for its end (or {@link
     * #flushEcho()}), up to {@link #MAX_PENDING_LINE} characters: a longer one is printed in
     * pieces, each saying so. Each character is looked at once, so echo stays linear in the
     * output however long its lines.
     */
    private void echo(StdStream stream, String text) {
        StringBuilder pending = stream == StdStream.STDOUT ? echoOut : echoErr;
        PrintStream target = stream == StdStream.STDOUT ? echoOutTarget : echoErrTarget;
        synchronized (pending) {
            StringBuilder lines = new StringBuilder();
            int start = 0;
            while (start < text.length()) {
                int nl = text.indexOf('\n', start);
                int end = nl >= 0 ? nl + 1 : text.length();
                int room = MAX_PENDING_LINE - pending.length();
                if (end - start > room) {
                    pending.append(text, start, start + room);
                    lines.append(prefix)
                            .append(pending)
                            .append(" [line split: longer than ")
                            .append(MAX_PENDING_LINE)
                            .append(" characters]\n");
                    pending.setLength(0);
                    start += room;
                    continue;
                }
                pending.append(text, start, end);
                if (nl >= 0) {
                    lines.append(prefix).append(pending);
                    pending.setLength(0);
                }
                start = end;
            }
            if (lines.length() > 0) {
                target.print(lines);
                target.flush();
            }
        }
    }

    /** Prints what is left of a partial line (when the worker exits). */
    public void flushEcho() {
        if (!echo) {
            return;
        }
        for (StdStream k : StdStream.values()) {
            StringBuilder pending = k == StdStream.STDOUT ? echoOut : echoErr;
            synchronized (pending) {
                if (pending.length() > 0) {
                    (k == StdStream.STDOUT ? echoOutTarget : echoErrTarget).println(prefix + pending);
                    pending.setLength(0);
                }
            }
        }
    }

    /** The last few KB the worker wrote to stderr, and what its JVM printed on its own pipes. */
    public String stderrTail() {
        synchronized (stderrTail) {
            int from = Math.max(0, stderrTail.length() - TAIL_CHARS);
            return stderrTail.substring(from);
        }
    }
}
