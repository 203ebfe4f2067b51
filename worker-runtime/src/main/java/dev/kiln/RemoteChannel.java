package dev.kiln;

import java.time.Duration;

/**
 * A {@link java.util.concurrent.BlockingQueue} that lives in a worker, used from the host
 * (Malt's worker channel). Values cross as data in both directions.
 *
 * <pre>{@code
 * RemoteChannel<Integer> ch = worker.channel("new java.util.concurrent.ArrayBlockingQueue<Integer>(20)");
 * ch.put(7);
 * int seven = ch.take();
 * }</pre>
 *
 * @param <T> the element type
 */
public interface RemoteChannel<T> {
    /** Puts a value, waiting while the queue is full. The value must be serializable. */
    void put(T value);

    /** Takes the head value, waiting until there is one. */
    T take();

    /** Takes the head value, waiting at most {@code timeout}; null if none came. */
    T poll(Duration timeout);

    /** True when a value is ready to be taken without waiting. */
    boolean isReady();
}
