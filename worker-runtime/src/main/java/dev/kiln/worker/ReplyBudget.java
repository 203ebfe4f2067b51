package dev.kiln.worker;

import dev.kiln.concurrent.KilnThreads;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs the user code that building a reply needs (a value's {@code toString()}, a collection's
 * iteration, a record's accessors, an exception's {@code getMessage()}) under the interrupt of
 * the request it belongs to and a time budget of {@value #BUDGET_SECONDS} s, so that code which
 * loops or blocks there cannot keep a request from its answer or the worker from its next one.
 *
 * <p>The code runs on a thread of its own while the request's thread waits. When an interrupt
 * comes ({@link #interruptAll()}) or the budget runs out, the request goes on at once with what
 * its fallback makes of the reason ({@link #INTERRUPTED}, {@link #TIMED_OUT}); that thread is
 * interrupted and otherwise left to end by itself (snippet code also ends at its stop checks when
 * the snippet is interrupted, see {@link StopChecks}). It is never stopped with
 * {@code Thread.stop}, not even where the JDK still can: that lands anywhere (see
 * {@link StopChecks}). Nothing waits for it.
 */
final class ReplyBudget {
    static final long BUDGET_SECONDS = 5;
    /** The reason given to a fallback when the budget ran out. */
    static final String TIMED_OUT = "did not finish within " + BUDGET_SECONDS + " s";
    /** The reason given to a fallback when the request was interrupted. */
    static final String INTERRUPTED = "was interrupted";

    private final Duration budget;
    private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();

    ReplyBudget() {
        this(Duration.ofSeconds(BUDGET_SECONDS));
    }

    ReplyBudget(Duration budget) {
        this.budget = budget;
    }

    /** User code a reply needs. */
    interface Work<T> {
        T run() throws Exception;
    }

    /**
     * What {@code work} gives, or what {@code cutShort} makes of the reason it was cut short:
     * the budget ran out, {@link #interruptAll()} was called, the calling thread was interrupted,
     * or {@code stopRequested} already says so when it starts.
     *
     * @throws RuntimeException or {@link Error}: what {@code work} threw (an Error as itself)
     */
    <T> T run(Work<T> work, BooleanSupplier stopRequested, Function<String, T> cutShort) {
        CompletableFuture<T> result = new CompletableFuture<>();
        running.add(result);
        try {
            if (stopRequested.getAsBoolean()) {
                return cutShort.apply(INTERRUPTED);
            }
            Thread thread = KilnThreads.daemon(
                    () -> {
                        try {
                            result.complete(work.run());
                        } catch (Throwable t) {
                            result.completeExceptionally(t);
                        }
                    },
                    "kiln-reply-text");
            // toString() and friends find what the code that made the value found through the context loader.
            thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
            thread.start();
            try {
                return result.get(budget.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                abandon(thread);
                return cutShort.apply(TIMED_OUT);
            } catch (CancellationException e) {
                abandon(thread);
                return cutShort.apply(INTERRUPTED);
            } catch (InterruptedException e) {
                // The request's own thread was interrupted (a call told to stop): that interrupt is spent here.
                abandon(thread);
                return cutShort.apply(INTERRUPTED);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Error err) {
                    throw err;
                }
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(cause);
            }
        } finally {
            running.remove(result);
        }
    }

    /** Cuts short every run in progress, as an interrupt; returns how many there were. */
    int interruptAll() {
        int n = 0;
        for (CompletableFuture<?> r : running) {
            if (r.cancel(false)) {
                n++;
            }
        }
        return n;
    }

    /** Nothing waits for the thread any more: it is told by an interrupt (a sleep or a wait ends). */
    private static void abandon(Thread thread) {
        thread.interrupt();
    }
}
