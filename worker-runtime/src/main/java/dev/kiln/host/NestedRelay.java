package dev.kiln.host;

import dev.kiln.concurrent.LazyLogger;
import dev.kiln.wire.Message;
import dev.kiln.wire.Upstream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Workers started inside a worker, and deeper: their last known state, by pid. Each report is
 * kept, handed to listeners, and relayed up when this JVM is itself a worker, so the top host
 * sees every level.
 */
public final class NestedRelay {
    private static final System.Logger LOG = LazyLogger.of(NestedRelay.class);

    private final Map<Long, Message.NestedWorker> nested = new ConcurrentHashMap<>();
    private final List<Consumer<Message.NestedWorker>> listeners = new CopyOnWriteArrayList<>();

    /** A report from the worker (about one of its workers, or one deeper). */
    public void accept(Message.NestedWorker report) {
        nested.put(report.pid(), report);
        for (Consumer<Message.NestedWorker> l : listeners) {
            try {
                l.accept(report);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a nested-worker listener failed", e);
            }
        }
        reportUp(report);
    }

    public List<Message.NestedWorker> all() {
        return List.copyOf(nested.values());
    }

    /** Adds a listener; running the returned action removes it. */
    public Runnable subscribe(Consumer<Message.NestedWorker> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** When this JVM is a worker, tells its host (about a worker of this JVM, or a relayed one). */
    public static void reportUp(Message.NestedWorker report) {
        Upstream up = Upstream.current();
        if (up != null) {
            up.send(report);
        }
    }
}
