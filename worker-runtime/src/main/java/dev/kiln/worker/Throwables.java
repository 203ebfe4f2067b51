package dev.kiln.worker;

import dev.kiln.wire.StackFrame;
import dev.kiln.wire.Thrown;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import jdk.jshell.spi.ExecutionControl;

/**
 * What the worker's code threw, as the data a failure carries: each throwable of the cause
 * chain with its real class, message and frames. The snippet engine reports a snippet's
 * exception as a {@link ExecutionControl.UserException} chain that names the real class in
 * {@code causeExceptionClass()}; that name is the one sent.
 */
final class Throwables {
    private Throwables() {}

    /** {@code t} and its causes, outermost first; cut at {@link Thrown#MAX_CHAIN} or where the chain loops. */
    static Thrown[] chain(Throwable t) {
        List<Thrown> out = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable c = t; c != null && out.size() < Thrown.MAX_CHAIN && seen.add(c); c = c.getCause()) {
            out.add(new Thrown(className(c), c.getMessage(), frames(c.getStackTrace())));
        }
        return out.toArray(new Thrown[0]);
    }

    private static String className(Throwable t) {
        return t instanceof ExecutionControl.UserException u && u.causeExceptionClass() != null
                ? u.causeExceptionClass()
                : t.getClass().getName();
    }

    private static StackFrame[] frames(StackTraceElement[] trace) {
        return StackFrame.of(trace.length > Thrown.MAX_FRAMES ? Arrays.copyOf(trace, Thrown.MAX_FRAMES) : trace);
    }

    /** The causes under {@code t}, each as " (caused by X: message)": a deserialization failure's reason is there. */
    static String causes(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t.getCause(); c != null && c != t; c = c.getCause()) {
            sb.append(" (caused by ").append(c).append(')');
        }
        return sb.toString();
    }
}
