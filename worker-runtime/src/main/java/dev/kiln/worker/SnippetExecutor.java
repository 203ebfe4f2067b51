package dev.kiln.worker;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;

/**
 * The worker's snippet engine: the JDK's own {@link LocalExecutionControl} (class loading,
 * the JDK's stop mechanism on every version) with one change: the value of a snippet is
 * kept as an object, not only as jshell's display string, by routing each invocation
 * through a static trampoline that stores the result.
 */
final class SnippetExecutor extends LocalExecutionControl {
    /** @param loader where snippet classes are defined (see {@link SnippetLoaderDelegate}) */
    SnippetExecutor(jdk.jshell.execution.LoaderDelegate loader) {
        super(loader);
    }

    private static final Method TRAMPOLINE;

    static {
        try {
            TRAMPOLINE = SnippetExecutor.class.getDeclaredMethod("trampoline");
            TRAMPOLINE.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // One evaluation at a time per worker: plain statics are enough for the hand-over.
    private static volatile Method target;
    private static volatile Object result;
    private static volatile Thread snippetThread;

    /** The object the last invocation returned. */
    Object lastValue() {
        return result;
    }

    private static volatile java.util.function.BooleanSupplier stopRequested = () -> false;
    private static volatile boolean skipped;

    /** Invokes a snippet unless {@code stop} says it was interrupted before it could start. */
    String invoke(String className, String methodName, java.util.function.BooleanSupplier stop)
            throws ExecutionControl.RunException, ExecutionControl.EngineTerminationException,
                    ExecutionControl.InternalException {
        if (stop.getAsBoolean()) {
            throw new ExecutionControl.StoppedException();
        }
        stopRequested = stop;
        try {
            return invoke(className, methodName);
        } finally {
            stopRequested = () -> false;
        }
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        target = doitMethod;
        result = null;
        skipped = false;
        try {
            super.invoke(TRAMPOLINE);
            if (skipped) {
                throw new ExecutionControl.StoppedException();
            }
            return display(result);
        } finally {
            target = null;
            snippetThread = null;
        }
    }

    /** Runs on the JDK's snippet thread, inside its stop machinery. */
    @SuppressWarnings("unused")
    private static Object trampoline() throws Throwable {
        snippetThread = Thread.currentThread();
        // An interrupt may have come before this thread existed: it set the mark, then found no thread.
        if (stopRequested.getAsBoolean()) {
            skipped = true;
            return null;
        }
        try {
            result = target.invoke(null);
            // The JDK would turn a returned value into its display string, all of it: display() does that, capped.
            return null;
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** An interrupt for blocking calls, plus the JDK's stop (ThreadGroup.stop on 17, stop checks + interrupt on 20+). */
    void stopSnippet() {
        // Interrupt first: a blocking call (sleep, take) then ends cleanly before ThreadDeath can hit it mid-lock.
        Thread t = snippetThread;
        if (t != null) {
            t.interrupt();
        }
        try {
            stop();
        } catch (Exception e) {
            // nothing running any more, or the engine is gone
        }
    }

    boolean isRunning() {
        return snippetThread != null;
    }

    /** The thread that runs the current snippet, or null. */
    Thread runningThread() {
        return snippetThread;
    }

    /** A class JShell defined in this worker (a snippet's), by its binary name. */
    Class<?> snippetClass(String name) throws ClassNotFoundException {
        return findClass(name);
    }

    /** Longest display text sent back; the value itself still travels whole, as data. */
    static final int MAX_DISPLAY = 100_000;
    /** Array elements shown in a display text. */
    static final int MAX_DISPLAY_ELEMENTS = 1_000;

    /**
     * jshell's display string for a value (quotes around strings, arrays expanded...), capped:
     * jshell itself would print all 50 million elements of a 50 MB array.
     */
    static String display(Object value) {
        try {
            return cappedDisplay(value);
        } catch (Throwable t) {
            // A toString() that throws or recurses too deep must not fail the evaluation: the value still travels.
            return value.getClass().getName() + " (its toString() threw "
                    + t.getClass().getName() + ")";
        }
    }

    private static String cappedDisplay(Object value) {
        String s;
        if (value != null && value.getClass().isArray() && Array.getLength(value) > MAX_DISPLAY_ELEMENTS) {
            int n = Array.getLength(value);
            Object head = Array.newInstance(value.getClass().getComponentType(), MAX_DISPLAY_ELEMENTS);
            System.arraycopy(value, 0, head, 0, MAX_DISPLAY_ELEMENTS);
            String shown = valueString(head);
            String type = value.getClass().getComponentType().getSimpleName();
            shown = shown.replaceFirst(
                    "^" + java.util.regex.Pattern.quote(type + "[" + MAX_DISPLAY_ELEMENTS + "]"),
                    java.util.regex.Matcher.quoteReplacement(type + "[" + n + "]"));
            s = shown.endsWith(" }")
                    ? shown.substring(0, shown.length() - 2) + ", ... (" + (n - MAX_DISPLAY_ELEMENTS) + " more) }"
                    : shown;
        } else if (value instanceof CharSequence cs && cs.length() > MAX_DISPLAY) {
            s = valueString(cs.subSequence(0, MAX_DISPLAY).toString());
            s = s.substring(0, s.length() - 1) + "...\" (" + (cs.length() - MAX_DISPLAY) + " more characters)";
        } else {
            s = valueString(value);
        }
        if (s.length() > MAX_DISPLAY) {
            s = s.substring(0, MAX_DISPLAY) + "... (" + (s.length() - MAX_DISPLAY) + " more characters)";
        }
        return s;
    }
}
