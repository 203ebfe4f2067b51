package dev.kiln;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;

/**
 * Code running in a worker threw. What crosses the wire is data: the worker-side exception's
 * class name, message and frames, and the same for each of its causes; the host never loads
 * the worker's exception classes.
 *
 * <pre>{@code
 * try {
 *     w.evalFetch("int divide(int a, int b) {\n    return a / b;\n}\ndivide(1, 0)");
 * } catch (RemoteException e) {
 *     e.exceptionClassName();          // "java.lang.ArithmeticException"
 *     e.remoteMessage();               // "/ by zero"
 *     e.frames().get(0);               // divide (#1:2): snippet "1", line 2 of it, sourceLine() 2
 *     e.remoteStackTrace();            // java.lang.ArithmeticException: / by zero
 *                                      //     at divide (#1:2)
 *                                      //     at (#2:1)
 * }
 * }</pre>
 *
 * <p>Each cause is a {@code RemoteException} of its own ({@link #getCause()}), with its real
 * class, message and frames. {@link #getMessage()} and {@link #printStackTrace()} give the
 * trace text, as the JDK and the jshell tool print it: real class names, {@code Caused by:}
 * lines, snippet frames in snippet terms, and without the {@linkplain RemoteFrame#machinery()
 * machinery frames}. The exception has no host-side stack of its own: it was made on one of
 * Kiln's threads, and where it went wrong is in the worker.
 */
public class RemoteException extends KilnException {
    private final String exceptionClassName;
    private final String remoteMessage;
    private final List<RemoteFrame> frames;
    /** The trace text, written when first asked for. */
    private volatile String trace;

    /**
     * @param exceptionClassName the worker-side class name, e.g. {@code java.lang.ArithmeticException}
     * @param remoteMessage      its message, or null
     * @param frames             its stack, innermost call first
     * @param cause              what caused it in the worker, or null
     */
    public RemoteException(
            String exceptionClassName, String remoteMessage, List<RemoteFrame> frames, RemoteException cause) {
        super(null, cause, false, false);
        this.exceptionClassName = exceptionClassName;
        this.remoteMessage = remoteMessage;
        this.frames = List.copyOf(frames);
    }

    /** The worker-side class name of the exception, e.g. {@code java.lang.ArithmeticException}. */
    public String exceptionClassName() {
        return exceptionClassName;
    }

    /** The worker-side exception's own message, or null. */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** Its stack in the worker, innermost call first, machinery frames included (and marked). */
    public List<RemoteFrame> frames() {
        return frames;
    }

    /** What caused it in the worker, with its own class, message and frames; null if nothing did. */
    @Override
    public synchronized RemoteException getCause() {
        return (RemoteException) super.getCause();
    }

    /**
     * The trace as the JDK and the jshell tool print it, causes included:
     * {@code java.lang.ArithmeticException: / by zero}, then a line {@code \tat divide (#1:2)}
     * per frame of the user's code, then {@code Caused by: ...} for each cause.
     */
    public String remoteStackTrace() {
        String t = trace;
        if (t == null) {
            t = RemoteTraces.text(exceptionClassName, remoteMessage, frames, getCause());
            trace = t;
        }
        return t;
    }

    /** The trace text, {@link #remoteStackTrace()}: its first line is the exception's class and message. */
    @Override
    public String getMessage() {
        return remoteStackTrace();
    }

    /** {@code dev.kiln.RemoteException: } and the first line of the trace (the worker-side class and message). */
    @Override
    public String toString() {
        return getClass().getName() + ": " + RemoteTraces.heading(exceptionClassName, remoteMessage);
    }

    /** Prints {@link #remoteStackTrace()}. */
    @Override
    public void printStackTrace(PrintStream s) {
        s.print(remoteStackTrace());
        s.flush();
    }

    /** Prints {@link #remoteStackTrace()}. */
    @Override
    public void printStackTrace(PrintWriter s) {
        s.print(remoteStackTrace());
        s.flush();
    }
}
