package dev.kiln;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Warm spares: a few workers started ahead of time for one spec, so that a new worker is
 * ready at once. {@link #take()} hands out a spare (started, handshake done, IDLE) and starts
 * a replacement in the background; the taken worker is the caller's to stop.
 *
 * <pre>{@code
 * try (WorkerPool pool = WorkerPool.of(WorkerSpec.defaults(), 1)) {
 *     Worker w = pool.take();            // instant when a spare is ready
 *     w.evalFetch("1 + 1");
 *     w.stop();
 * }                                      // close() stops the spares, never taken workers
 * }</pre>
 *
 * <p>A spare never serves a different launch: {@link #take(WorkerSpec)} hands one out only
 * when the spec {@linkplain WorkerSpec#sameLaunchAs launches the same process} (same JDK,
 * flags, environment, class path and folder); otherwise it starts a fresh worker from that
 * spec. A spare keeps the name it was started with. Spares that die while waiting are
 * replaced. Thread-safe.
 */
public final class WorkerPool implements AutoCloseable {
    private final WorkerSpec spec;
    private final int size;
    /** Spares in launch order; the oldest is the closest to ready. */
    private final Deque<Worker> spares = new ArrayDeque<>();
    private final ExecutorService launcher = Executors.newSingleThreadExecutor(
            dev.kiln.host.KilnThreads.factory("kiln-pool-launcher-"));
    private boolean closed;
    private int launching;

    private WorkerPool(WorkerSpec spec, int size) {
        this.spec = spec;
        this.size = size;
    }

    /**
     * A pool that keeps {@code size} spares of {@code spec}, starting them now in the background.
     *
     * @throws IllegalArgumentException if size is negative
     */
    public static WorkerPool of(WorkerSpec spec, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("a pool keeps zero or more spares, not " + size);
        }
        if (spec == null) {
            throw new IllegalArgumentException("spec is null: use WorkerSpec.defaults() for default settings");
        }
        WorkerPool pool = new WorkerPool(spec, size);
        pool.replenish();
        return pool;
    }

    /** The spec every spare is started with. */
    public WorkerSpec spec() {
        return spec;
    }

    /** How many spares the pool keeps. */
    public int size() {
        return size;
    }

    /** Spares that are ready now (IDLE); the others are still starting. */
    public synchronized int readyCount() {
        return (int) spares.stream().filter(w -> w.state() == WorkerState.IDLE).count();
    }

    /**
     * Completes when every spare the pool keeps has started (or failed to), e.g. to wait for a
     * warm pool before a demo. Fails with {@link WorkerStartException} if a spare could not start.
     */
    public CompletableFuture<Void> allReady() {
        CompletableFuture<Void> launched = CompletableFuture.runAsync(() -> { }, launcher); // after queued launches
        return launched.thenCompose(v -> {
            List<CompletableFuture<Worker>> readies = new ArrayList<>();
            synchronized (this) {
                spares.forEach(w -> readies.add(w.ready()));
            }
            return CompletableFuture.allOf(readies.toArray(new CompletableFuture<?>[0]));
        });
    }

    /**
     * A ready worker of the pool's spec: a spare when one is ready, else the spare that is
     * closest to ready, else a freshly started worker. Starts a replacement spare.
     *
     * @throws WorkerStartException  if no worker could be started
     * @throws IllegalStateException if the pool is closed
     */
    public Worker take() {
        Worker w = nextSpare();
        if (w != null) {
            try {
                Worker ready = w.ready().join();
                if (ready.isRunning()) {
                    return ready;
                }
            } catch (RuntimeException e) {
                // the spare failed to start or died: start one directly, which reports why if it fails too
            }
        }
        return Worker.start(spec);
    }

    /**
     * A ready worker for {@code spec}: a spare when {@code spec} launches the same process
     * as the pool's ({@link WorkerSpec#sameLaunchAs}), else a worker started from {@code spec}.
     */
    public Worker take(WorkerSpec spec) {
        if (!this.spec.sameLaunchAs(spec)) {
            return Worker.start(spec);
        }
        return take();
    }

    /**
     * Returns at once, like {@link Worker#launch}: a spare for {@code spec} (ready, or still
     * starting) when {@code spec} launches the same process as the pool's, else a worker just
     * launched from {@code spec}. Starts a replacement spare. For a UI that lists a new worker
     * before it is ready.
     */
    public Worker launch(WorkerSpec spec) {
        if (this.spec.sameLaunchAs(spec)) {
            Worker w = nextSpare();
            if (w != null && w.isRunning()) {
                return w;
            }
        }
        return Worker.launch(spec);
    }

    /** As {@link #take()}, without blocking. */
    public CompletableFuture<Worker> takeAsync() {
        Worker w = nextSpare();
        if (w == null) {
            return Worker.startAsync(spec);
        }
        return w.ready().handle((ready, e) -> e == null && ready.isRunning() ? CompletableFuture.completedFuture(ready)
                : Worker.startAsync(spec)).thenCompose(f -> f);
    }

    /** Removes the best spare (ready first, else the oldest) and launches its replacement. */
    private synchronized Worker nextSpare() {
        if (closed) {
            throw new IllegalStateException("the worker pool is closed");
        }
        spares.removeIf(w -> !w.isRunning());
        Worker pick = null;
        for (Worker w : spares) {
            if (w.state() == WorkerState.IDLE) {
                pick = w;
                break;
            }
        }
        if (pick == null) {
            pick = spares.peekFirst();
        }
        if (pick != null) {
            spares.remove(pick);
        }
        replenish();
        return pick;
    }

    /** Launches spares until the pool is full, off the caller's thread (a spawn takes a few ms). */
    private synchronized void replenish() {
        int missing = size - spares.size() - launching;
        for (int i = 0; i < missing; i++) {
            launching++;
            launcher.execute(this::launchOne);
        }
    }

    private void launchOne() {
        synchronized (this) {
            launching--;
            if (closed) {
                return;
            }
        }
        Worker w = Worker.launch(spec);
        boolean stop;
        synchronized (this) {
            stop = closed;
            if (!stop) {
                spares.addLast(w);
            }
        }
        if (stop) {
            w.kill();
        }
    }

    /** Stops the spares (taken workers are not the pool's). Idempotent. */
    @Override
    public void close() {
        List<Worker> toStop;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toStop = new ArrayList<>(spares);
            spares.clear();
        }
        launcher.shutdown();
        try {
            launcher.awaitTermination(30, TimeUnit.SECONDS); // a spare being spawned now is killed, not left behind
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (Worker w : toStop) {
            stops.add(CompletableFuture.runAsync(w::stop));
        }
        CompletableFuture.allOf(stops.toArray(new CompletableFuture<?>[0])).join();
    }

    @Override
    public synchronized String toString() {
        return "WorkerPool[" + spares.size() + "/" + size + " spares, " + spec + (closed ? ", closed" : "") + "]";
    }
}
