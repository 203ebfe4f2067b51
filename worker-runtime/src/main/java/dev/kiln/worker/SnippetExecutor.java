package dev.kiln.worker;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.BooleanSupplier;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.SPIResolutionException;

/**
 * The worker's snippet engine: the JDK's own {@link LocalExecutionControl} (class loading,
 * the JDK's stop mechanism on every version) with these changes:
 *
 * <ul>
 *   <li>the value of a snippet is kept as an object, not only as jshell's display string, by
 *       routing each invocation through a static trampoline that stores the result;
 *   <li>what is made of that value (its display text, its data) is made while the snippet still
 *       counts as running, so an interrupt stops it as it stops the snippet ({@link #invoke});
 *   <li>the user code that turns what a snippet threw into the engine's exception (its
 *       {@code getMessage()}, its trace) and the display text of a variable run under the
 *       reply's budget ({@link ReplyBudget});
 *   <li>the engine does not flush {@code System.out} after a snippet (the JDK's does): user code
 *       may have set it to null, or to a stream that throws; Kiln's capture needs no flush.
 * </ul>
 */
final class SnippetExecutor extends LocalExecutionControl {
    private final ReplyBudget budget;

    /**
     * @param loader where snippet classes are defined (see {@link SnippetLoaderDelegate})
     * @param budget runs the user code that replies need
     */
    SnippetExecutor(jdk.jshell.execution.LoaderDelegate loader, ReplyBudget budget) {
        super(loader);
        this.budget = budget;
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
    /** The JDK's thread group for snippets, and for the threads they start. */
    private static volatile ThreadGroup snippetGroup;
    /** {@code REPL.$Cancel$.allStop}, the flag the stop checks read, once found ({@link #setStopFlag}). */
    private Field allStop;
    /** Held while the flag is set or cleared, and while {@link #inFlight} changes. */
    private final Object stopFlagLock = new Object();
    /** Whether a snippet is invoked (its run and its reply): the flag is then the interrupt's. */
    private boolean inFlight;
    /** The thread that runs the JDK's invoke: it starts the snippet's thread, then waits for it. */
    private static volatile Thread engineThread;
    /** Whether the value of the snippet that just ran is being made into its reply. */
    private volatile boolean replying;

    private static volatile BooleanSupplier stopRequested = () -> false;
    private static volatile boolean skipped;

    /** What is made of a snippet's value while the snippet still counts as running. */
    interface ValueStep<T> {
        T apply(Object value) throws ExecutionControl.RunException;
    }

    /**
     * Invokes a snippet unless {@code stop} says it was interrupted before it could start, then
     * hands its value to {@code then} while it still counts as running: {@link #stopSnippet()}
     * applies to both. This is the JDK's {@code DirectExecutionControl.invoke}, without its flush
     * of {@code System.out} and with what the snippet threw converted under the budget.
     */
    <T> T invoke(String className, String methodName, BooleanSupplier stop, ValueStep<T> then)
            throws ExecutionControl.RunException, ExecutionControl.EngineTerminationException,
                    ExecutionControl.InternalException {
        if (stop.getAsBoolean()) {
            throw new ExecutionControl.StoppedException();
        }
        Method doit;
        try {
            doit = findClass(className).getDeclaredMethod(methodName);
            doit.setAccessible(true);
        } catch (Throwable ex) {
            throw new ExecutionControl.InternalException(ex.toString());
        }
        stopRequested = stop;
        try {
            synchronized (stopFlagLock) {
                inFlight = true;
                setStopFlag(false); // as the JDK's engine does as a snippet starts (from JDK 20 on, itself too)
            }
            clientCodeEnter();
            invoke(doit);
            replying = true;
            return then.apply(result);
        } catch (ExecutionControl.RunException
                | ExecutionControl.InternalException
                | ExecutionControl.EngineTerminationException ex) {
            throw ex;
        } catch (InvocationTargetException ex) {
            throw converted(ex.getCause(), stop);
        } catch (SPIResolutionException ex) {
            throw converted(ex, stop);
        } catch (OutOfMemoryError ex) {
            throw ex; // the reply path's to answer, with its reserve
        } catch (Throwable ex) {
            throw new ExecutionControl.InternalException(ex.toString());
        } finally {
            replying = false;
            stopRequested = () -> false;
            clientCodeLeave();
            synchronized (stopFlagLock) {
                inFlight = false;
            }
        }
    }

    /** What a snippet threw as the engine reports it; its message and trace are the user's code, under the budget. */
    private ExecutionControl.RunException converted(Throwable thrown, BooleanSupplier stop) {
        String className = thrown.getClass().getName();
        return budget.run(
                () -> {
                    try {
                        throwConvertedInvocationException(thrown);
                    } catch (ExecutionControl.RunException e) {
                        return e;
                    }
                    throw new IllegalStateException("the engine did not convert " + className);
                },
                stop,
                why -> new ExecutionControl.UserException(
                        className + " (its message and trace " + why + ")", className, new StackTraceElement[0]));
    }

    /** A variable's display text, under the budget (the JDK's runs its toString() unbounded). */
    @Override
    public String varValue(String className, String varName)
            throws ExecutionControl.RunException, ExecutionControl.EngineTerminationException,
                    ExecutionControl.InternalException {
        Object value;
        try {
            clearStopFlagIfIdle();
            Field field = findClass(className).getDeclaredField(varName);
            field.setAccessible(true);
            value = field.get(null);
        } catch (Throwable ex) {
            throw new ExecutionControl.InternalException(ex.toString());
        }
        if (value == null) {
            return display(null);
        }
        return budget.run(
                () -> display(value), () -> false, why -> value.getClass().getName() + " (its toString() " + why + ")");
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        target = doitMethod;
        result = null;
        skipped = false;
        engineThread = Thread.currentThread();
        try {
            super.invoke(TRAMPOLINE);
            if (skipped) {
                throw new ExecutionControl.StoppedException();
            }
            return ""; // the value is in result: its text is made with its reply
        } finally {
            target = null;
            snippetThread = null;
            engineThread = null;
        }
    }

    /** Runs on the JDK's snippet thread, inside its stop machinery. */
    @SuppressWarnings("unused")
    private static Object trampoline() throws Throwable {
        snippetThread = Thread.currentThread();
        snippetGroup = snippetThread.getThreadGroup();
        awaitEngineWaiting();
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

    /**
     * Returns once the engine's thread waits for the snippet's. The JDK's invoke starts the
     * snippet's thread, then lists the threads of its group and joins every one: a thread the
     * snippet started before that listing would be joined too, and a snippet that leaves a thread
     * running (a server, a thread blocked for good) would never return. The listing comes right
     * after the start, so this wait is short; it ends in the join (WAITING).
     */
    private static void awaitEngineWaiting() {
        Thread engine = engineThread;
        if (engine == null || engine == Thread.currentThread()) {
            return;
        }
        while (engine.isAlive()) {
            Thread.State state = engine.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                return;
            }
            Thread.yield(); // the engine's thread may need this core to get there
        }
    }

    /**
     * Sets the stop checks' flag and interrupts every thread of the snippet's group: what the JDK's
     * engine does from JDK 20 on, done here on every JDK (the JDK's stop is {@code ThreadGroup.stop}
     * up to JDK 19, which Kiln never uses; the checks are then Kiln's, {@link StopChecks}).
     */
    void stopSnippet() {
        synchronized (stopFlagLock) {
            try {
                setStopFlag(true);
            } catch (ReflectiveOperationException e) {
                // Not to be (a public static field of a class made to have it). Never thrown on the control thread,
                // which answers this interrupt; the threads are still interrupted.
            }
        }
        // The snippet's own thread is in its group: a blocking call (sleep, take, a read) ends by this interrupt.
        ThreadGroup group = snippetGroup;
        if (group != null) {
            Thread[] threads = new Thread[group.activeCount() + 16];
            int n = group.enumerate(threads);
            for (int i = 0; i < n; i++) {
                threads[i].interrupt();
            }
        }
    }

    /**
     * Clears the stop checks' flag unless a snippet is in flight. The flag stays set after an
     * interrupt until the next snippet starts (so that threads the stopped snippet started still
     * meet it); user code run for other reasons (a variable's {@code toString()}, for its value
     * text) is snippet code with checks too, and must not be stopped by an interrupt that is over.
     */
    void clearStopFlagIfIdle() {
        synchronized (stopFlagLock) {
            if (!inFlight) {
                try {
                    setStopFlag(false);
                } catch (ReflectiveOperationException e) {
                    // not to be, as in stopSnippet
                }
            }
        }
    }

    /**
     * Sets the flag that snippet code's stop checks read ({@code REPL.$Cancel$.allStop}: Kiln's
     * up to JDK 19, the JDK's engine's from 20 on, where it exists once a first snippet ran).
     */
    private void setStopFlag(boolean stop) throws ReflectiveOperationException {
        Field f = allStop;
        if (f == null) {
            try {
                f = findClass(StopChecks.CANCEL_CLASS).getField(StopChecks.ALL_STOP);
            } catch (ClassNotFoundException e) {
                return; // JDK 20+ before a first snippet: no code has checks yet
            }
            allStop = f;
        }
        f.setBoolean(null, stop);
    }

    /** Whether a snippet runs, or its value is being made into its reply: what an interrupt stops. */
    boolean isRunning() {
        return snippetThread != null || replying;
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
