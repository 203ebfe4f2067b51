package dev.kiln.host;

/** The host's wait for a launched worker's connection: closed once the worker is in, or gone. */
public interface HandshakeWatch extends AutoCloseable {
    /**
     * Why the worker may not have got in, when others interfered: e.g. how many other
     * connections presented no valid token. Empty when nothing interfered.
     */
    String interference();

    /**
     * Accepts the worker's connection in the calling thread: returns once it is in (or turned out
     * not to be), the watch is closed, or {@code deadlineNanos} ({@link System#nanoTime()}) has
     * passed. The host's thread that waits for the worker calls this, so no thread of its own
     * accepts. A watch with nothing to accept returns at once.
     */
    default void acceptUntil(long deadlineNanos) {}

    @Override
    void close();
}
