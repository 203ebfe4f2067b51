package dev.kiln.host;

import dev.kiln.concurrent.LazyLogger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Whether code in a worker waits for input on its {@code System.in}, as the worker reports it,
 * and who wants to know. A wait ends when the worker says no read waits any more (input came,
 * the stream ended, the read was interrupted) or when the worker exits.
 */
public final class InputRequests {
    private static final System.Logger LOG = LazyLogger.of(InputRequests.class);

    /**
     * One wait for input.
     *
     * @param prompt the partial line the worker last printed on stdout, or ""
     * @param since  when the host heard of it
     * @param over   completes when the wait is over
     */
    public record Waiting(String prompt, Instant since, CompletableFuture<Void> over) {}

    private final List<Consumer<Waiting>> listeners = new CopyOnWriteArrayList<>();
    private Waiting current;

    /** The worker waits for input (on the connection's thread). */
    void requested(String prompt) {
        Waiting w = new Waiting(prompt == null ? "" : prompt, Instant.now(), new CompletableFuture<>());
        Waiting before;
        synchronized (this) {
            before = current;
            current = w;
        }
        if (before != null) {
            before.over().complete(null);
        }
        for (Consumer<Waiting> l : listeners) {
            try {
                l.accept(w);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "an input-request listener failed", e);
            }
        }
    }

    /** No read waits any more, or the worker is gone. */
    void over() {
        Waiting before;
        synchronized (this) {
            before = current;
            current = null;
        }
        if (before != null) {
            before.over().complete(null);
        }
    }

    /** The wait going on now, if any. */
    public synchronized Optional<Waiting> current() {
        return Optional.ofNullable(current);
    }

    /** Adds a listener for each new wait; running the returned action removes it. */
    public Runnable subscribe(Consumer<Waiting> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
