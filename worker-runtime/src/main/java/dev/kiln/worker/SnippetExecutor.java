package dev.kiln.worker;

import jdk.jshell.execution.LocalExecutionControl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The worker's snippet engine: the JDK's own {@link LocalExecutionControl} (class loading,
 * the JDK's stop mechanism on every version) with one change: the value of a snippet is
 * kept as an object, not only as jshell's display string, by routing each invocation
 * through a static trampoline that stores the result.
 */
final class SnippetExecutor extends LocalExecutionControl {
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

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        target = doitMethod;
        result = null;
        try {
            return super.invoke(TRAMPOLINE);
        } finally {
            target = null;
            snippetThread = null;
        }
    }

    /** Runs on the JDK's snippet thread, inside its stop machinery. */
    @SuppressWarnings("unused")
    private static Object trampoline() throws Throwable {
        snippetThread = Thread.currentThread();
        try {
            Object r = target.invoke(null);
            result = r;
            return r;
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The JDK's stop (ThreadGroup.stop on 17, stop checks + interrupt on 20+), plus an interrupt for blocking calls. */
    void stopSnippet() {
        try {
            stop();
        } catch (Exception e) {
            // nothing running, or the engine is gone: the interrupt below still applies
        }
        Thread t = snippetThread;
        if (t != null) {
            t.interrupt();
        }
    }

    boolean isRunning() {
        return snippetThread != null;
    }

    /** jshell's display string for a value (quotes around strings, arrays expanded...). */
    static String display(Object value) {
        return valueString(value);
    }
}
