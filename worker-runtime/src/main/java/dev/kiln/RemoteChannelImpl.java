package dev.kiln;

import dev.kiln.worker.Channels;
import java.time.Duration;

/** A channel bound to a queue in the worker's channel registry; each operation is a call. */
final class RemoteChannelImpl<T> implements RemoteChannel<T> {
    private final Worker worker;
    private final long id;

    RemoteChannelImpl(Worker worker, long id) {
        this.worker = worker;
        this.id = id;
    }

    @Override
    public void put(T value) {
        long channel = id;
        worker.callFetch(() -> {
            Channels.put(channel, value);
            return null;
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public T take() {
        long channel = id;
        return (T) worker.callFetch(() -> Channels.take(channel));
    }

    @Override
    @SuppressWarnings("unchecked")
    public T poll(Duration timeout) {
        long channel = id;
        long nanos = timeout.toNanos();
        return (T) worker.callFetch(() -> Channels.poll(channel, nanos));
    }

    @Override
    public boolean isReady() {
        long channel = id;
        return worker.callFetch(() -> Channels.isReady(channel));
    }

    @Override
    public String toString() {
        return "RemoteChannel[" + id + " in " + worker.name() + "]";
    }
}
