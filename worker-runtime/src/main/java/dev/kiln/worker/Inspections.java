package dev.kiln.worker;

import dev.kiln.concurrent.KilnThreads;
import dev.kiln.wire.FailureKind;
import dev.kiln.wire.Message;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Answers the host's questions about what the worker holds (its threads, its heap by class, the
 * values of snippet variables) on threads of their own: the control thread hands them over and
 * stays free for interrupts, whatever a full collection or a variable's {@code toString()} costs.
 */
final class Inspections {
    /** Longest text sent for one variable's value. */
    static final int MAX_VALUE_TEXT = 2_000;
    /** How long one variable's {@code toString()} may take before its text says so instead. */
    static final long VALUE_TIMEOUT_MILLIS = 2_000;

    private final ExecutorService pool = Executors.newCachedThreadPool(KilnThreads.factory("kiln-inspect-"));
    private final Consumer<Message> send;
    private final Supplier<SnippetExecutor> snippets;
    private final Collection<Thread> calls;
    private final ThreadGroup userGroup;

    /**
     * @param send     how replies go to the host
     * @param snippets the snippet engine, or null before the first snippet
     * @param calls    the threads that run calls now
     */
    Inspections(Consumer<Message> send, Supplier<SnippetExecutor> snippets, Collection<Thread> calls) {
        this.send = send;
        this.snippets = snippets;
        this.calls = calls;
        this.userGroup = Thread.currentThread().getThreadGroup();
    }

    /** Whether {@code m} is one of the questions answered here. */
    static boolean isQuestion(Message m) {
        return m instanceof Message.ThreadsRequest
                || m instanceof Message.HistogramRequest
                || m instanceof Message.VariablesRequest;
    }

    /** Answers {@code m}, in the background. */
    void answer(Message m) {
        pool.execute(() -> {
            Message reply;
            try {
                reply = reply(m);
            } catch (Throwable t) {
                // Whatever failed, the host hears of it rather than waiting for an answer that never comes.
                String why = "the worker could not answer: " + t;
                reply = new Message.Failure(
                        id(m), FailureKind.INTERNAL, t.getClass().getName(), why, Throwables.chain(t), 0);
            }
            send.accept(reply);
        });
    }

    private static long id(Message m) {
        if (m instanceof Message.ThreadsRequest t) {
            return t.id();
        }
        return m instanceof Message.HistogramRequest h ? h.id() : ((Message.VariablesRequest) m).id();
    }

    private Message reply(Message m) {
        if (m instanceof Message.ThreadsRequest t) {
            SnippetExecutor s = snippets.get();
            return new Message.Threads(
                    t.id(), ThreadDump.take(t.all(), s == null ? null : s.runningThread(), calls, userGroup));
        }
        if (m instanceof Message.HistogramRequest h) {
            return ClassHistogram.take(h.id());
        }
        Message.VariablesRequest v = (Message.VariablesRequest) m;
        int n = Math.min(v.classNames().length, v.fieldNames().length);
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            texts[i] = valueText(v.classNames()[i], v.fieldNames()[i]);
        }
        return new Message.VariableValues(v.id(), texts);
    }

    /** A snippet variable's value as jshell shows it, capped; a text that says why when it cannot be read. */
    private String valueText(String className, String fieldName) {
        SnippetExecutor engine = snippets.get();
        if (engine == null || className == null || className.isEmpty() || fieldName == null) {
            return "";
        }
        engine.clearStopFlagIfIdle(); // a toString() is snippet code: an interrupt that is over must not stop it
        Object value;
        try {
            Field f = engine.snippetClass(className).getDeclaredField(fieldName);
            f.setAccessible(true);
            value = f.get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "(not readable: " + e + ")";
        }
        Future<String> text = pool.submit(() -> SnippetExecutor.display(value));
        try {
            return cap(text.get(VALUE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            text.cancel(true);
            return "(" + value.getClass().getName() + ": its toString() did not return within "
                    + VALUE_TIMEOUT_MILLIS / 1000 + " s)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (java.util.concurrent.ExecutionException e) {
            return "(its toString() failed: " + e.getCause() + ")";
        }
    }

    static String cap(String s) {
        return s.length() <= MAX_VALUE_TEXT
                ? s
                : s.substring(0, MAX_VALUE_TEXT) + "... (" + (s.length() - MAX_VALUE_TEXT) + " more characters)";
    }
}
