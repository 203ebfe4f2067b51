package dev.kiln.worker;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The worker's registry of queues bound to host-side {@code RemoteChannel}s. */
public final class Channels {
    private static final Map<Long, BlockingQueue<Object>> QUEUES = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();

    private Channels() {}

    @SuppressWarnings("unchecked")
    static long register(BlockingQueue<?> q) {
        long id = IDS.incrementAndGet();
        QUEUES.put(id, (BlockingQueue<Object>) q);
        return id;
    }

    private static BlockingQueue<Object> queue(long id) {
        BlockingQueue<Object> q = QUEUES.get(id);
        if (q == null) {
            throw new IllegalStateException("no channel " + id + " in this worker (it was restarted?)");
        }
        return q;
    }

    public static void put(long id, Object value) throws InterruptedException {
        queue(id).put(value);
    }

    public static Object take(long id) throws InterruptedException {
        return queue(id).take();
    }

    public static Object poll(long id, long nanos) throws InterruptedException {
        return queue(id).poll(nanos, TimeUnit.NANOSECONDS);
    }

    public static boolean isReady(long id) {
        return !queue(id).isEmpty();
    }
}
