package dev.kiln;

/** A handle returned by the {@code on...} methods of {@link Worker}; closing it unsubscribes. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    /** Stops the deliveries. Idempotent. */
    @Override
    void close();
}
