package dev.kiln.host;

import dev.kiln.wire.Message;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids and the replies still awaited from one worker. When the worker is gone,
 * {@link #failAll} fails every awaited reply at once, and later ones at once too.
 */
public final class PendingReplies {
    private final Map<Long, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile RuntimeException closedWith;

    /** A fresh request id. */
    public long nextId() {
        return ids.incrementAndGet();
    }

    /** Registers the reply to request {@code id}; failed at once when the worker is already gone. */
    public CompletableFuture<Message> expect(long id) {
        CompletableFuture<Message> f = new CompletableFuture<>();
        pending.put(id, f);
        RuntimeException gone = closedWith;
        if (gone != null && pending.remove(id) != null) {
            f.completeExceptionally(gone); // failAll ran between the check and the put
        }
        return f;
    }

    /** Hands a reply to whoever waits for it; a reply nobody waits for is dropped. */
    public void complete(long id, Message reply) {
        CompletableFuture<Message> f = pending.remove(id);
        if (f != null) {
            f.complete(reply);
        }
    }

    /** Stops waiting for a request that was never sent, failing its future with {@code why}. */
    public void fail(long id, RuntimeException why) {
        CompletableFuture<Message> f = pending.remove(id);
        if (f != null) {
            f.completeExceptionally(why);
        }
    }

    /** Fails every awaited reply with {@code why}, and every later one at once. */
    public void failAll(RuntimeException why) {
        closedWith = why;
        for (Long id : List.copyOf(pending.keySet())) {
            fail(id, why);
        }
    }

    /** How many replies are awaited. */
    public int size() {
        return pending.size();
    }
}
