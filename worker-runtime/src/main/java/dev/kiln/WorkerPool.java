package dev.kiln;

import dev.kiln.concurrent.Timers;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Warm spares: a few workers started ahead of time for one spec, so that a new worker is
 * ready at once. {@link #take()} hands out a spare (started, handshake done, IDLE) and starts
 * a replacement in the background; the taken worker is the caller's to stop. Each spare is
 * also warmed up once it is ready: it runs a stand-in snippet through its snippet engine and
 * one trivial call, so the taker's first evaluation and first call do not pay for loading
 * those paths (a warmed spare holds a little more memory than an idle worker).
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
    private final Deque<Spare> spares = new ArrayDeque<>();

    private final ExecutorService launcher =
            Executors.newSingleThreadExecutor(dev.kiln.concurrent.KilnThreads.factory("kiln-pool-launcher-"));
    private final Duration refillDelay;
    /** What a spare's warm-up waits for, besides the spare being ready. */
    private final CompletableFuture<?> warmUpAfter;

    private boolean closed;
    /**
     * Launches asked for whose worker is not among the spares yet (scheduled, queued or running).
     * A launch leaves this list in the same step that adds its spare, so no spare is counted
     * twice or not at all when {@link #replenish} works out how many are missing.
     */
    private final List<CompletableFuture<Void>> pendingLaunches = new ArrayList<>();

    /** How long after a take the replacement spare starts, by default (see {@link #of(WorkerSpec, int, Duration)}). */
    public static final Duration DEFAULT_REFILL_DELAY = Duration.ofSeconds(1);

    private WorkerPool(WorkerSpec spec, int size, Duration refillDelay, CompletableFuture<?> warmUpAfter) {
        this.spec = spec;
        this.size = size;
        this.refillDelay = refillDelay;
        this.warmUpAfter = warmUpAfter;
    }

    /**
     * A pool that keeps {@code size} spares of {@code spec}, starting them now in the background.
     *
     * @throws IllegalArgumentException if size is negative
     */
    public static WorkerPool of(WorkerSpec spec, int size) {
        return of(spec, size, DEFAULT_REFILL_DELAY);
    }

    /**
     * A pool that keeps {@code size} spares of {@code spec}, starting them now in the background,
     * and starting each replacement {@code refillDelay} after a spare is taken. Starting a JVM
     * takes a few hundred ms of CPU: on a small machine, a replacement that starts at once
     * competes with the first requests to the worker just taken (it doubled the time to a first
     * result on 2 cores). {@link Duration#ZERO} refills at once, for programs that take spares
     * in quick succession.
     *
     * @throws IllegalArgumentException if size or the delay is negative
     */
    public static WorkerPool of(WorkerSpec spec, int size, Duration refillDelay) {
        return of(spec, size, refillDelay, CompletableFuture.completedFuture(null));
    }

    /**
     * As {@link #of(WorkerSpec, int, Duration)}, with the spares' warm-up held until {@code
     * warmUpAfter} completes (normally or not): the spares' JVMs start now, and the host builds
     * their JShell only then. For a program that starts its pool with itself and has more urgent
     * work first, as the workbench its window: a JVM start costs little CPU beside it, the host's
     * compiler a second or more.
     *
     * @throws IllegalArgumentException if size or the delay is negative
     */
    public static WorkerPool of(WorkerSpec spec, int size, Duration refillDelay, CompletionStage<?> warmUpAfter) {
        if (warmUpAfter == null) {
            throw new IllegalArgumentException(
                    "warmUpAfter is null: use of(spec, size, refillDelay) to warm up at once");
        }
        if (refillDelay == null || refillDelay.isNegative()) {
            throw new IllegalArgumentException("the refill delay must be zero or positive, not " + refillDelay);
        }
        if (size < 0) {
            throw new IllegalArgumentException("a pool keeps zero or more spares, not " + size);
        }
        if (spec == null) {
            throw new IllegalArgumentException("spec is null: use WorkerSpec.defaults() for default settings");
        }
        WorkerPool pool = new WorkerPool(
                spec, size, refillDelay, warmUpAfter.toCompletableFuture().handle((v, e) -> null));
        pool.replenish(Duration.ZERO);
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
        return (int) spares.stream().filter(Spare::ready).count();
    }

    /**
     * Completes when every spare the pool keeps has started (or failed to) and has warmed up, e.g.
     * to wait for a warm pool before a demo. Fails with {@link WorkerStartException} if a spare could
     * not start.
     */
    public CompletableFuture<Void> allReady() {
        return whenEverySpare(true);
    }

    /**
     * Completes when every spare the pool keeps is ready to take requests (IDLE), while its warm-up
     * may still run: a worker taken then is listed at once, and its first requests queue behind the
     * rest of its warm-up. Fails with {@link WorkerStartException} if a spare could not start.
     */
    public CompletableFuture<Void> allStarted() {
        return whenEverySpare(false);
    }

    private CompletableFuture<Void> whenEverySpare(boolean warmedUp) {
        CompletableFuture<Void> launched;
        synchronized (this) {
            launched = CompletableFuture.allOf(pendingLaunches.toArray(new CompletableFuture<?>[0]));
        }
        return launched.thenCompose(v -> {
            List<CompletableFuture<?>> readies = new ArrayList<>();
            synchronized (this) {
                spares.forEach(s -> readies.add(
                        warmedUp
                                ? s.worker().ready().thenCombine(s.warm(), (w, warmed) -> w)
                                : s.worker().ready()));
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
        return w.ready()
                .handle((ready, e) -> e == null && ready.isRunning()
                        ? CompletableFuture.completedFuture(ready)
                        : Worker.startAsync(spec))
                .thenCompose(f -> f);
    }

    /** Removes the best spare (warmed first, then ready, else the oldest) and launches its replacement. */
    private synchronized Worker nextSpare() {
        if (closed) {
            throw new IllegalStateException("the worker pool is closed");
        }
        spares.removeIf(s -> !s.worker().isRunning());
        Spare pick = null;
        for (Spare s : spares) {
            if (s.ready()) {
                pick = s;
                break;
            }
        }
        if (pick == null) {
            for (Spare s : spares) {
                if (s.worker().state() == WorkerState.IDLE) {
                    pick = s;
                    break;
                }
            }
        }
        if (pick == null) {
            pick = spares.peekFirst();
        }
        if (pick != null) {
            spares.remove(pick);
        }
        replenish(refillDelay);
        // A spare taken while it still warms up is handed out as it is: its warm-up requests are
        // queued in the worker ahead of the taker's, which only wait a little longer.
        return pick == null ? null : pick.worker();
    }

    /** Launches spares until the pool is full, after {@code delay}, off the caller's thread (a spawn takes a few ms). */
    private synchronized void replenish(Duration delay) {
        int missing = size - spares.size() - pendingLaunches.size();
        for (int i = 0; i < missing; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            pendingLaunches.add(done);
            Runnable launch = () -> {
                try {
                    launcher.execute(() -> launchOne(done));
                } catch (RejectedExecutionException closedMeanwhile) {
                    launched(done);
                }
            };
            if (delay.isZero()) {
                launch.run();
            } else {
                Timers.timer().schedule(launch, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Ends a launch (idempotent): it no longer counts as pending, and allReady() stops waiting for it. */
    private void launched(CompletableFuture<Void> done) {
        synchronized (this) {
            pendingLaunches.remove(done);
        }
        done.complete(null);
    }

    private void launchOne(CompletableFuture<Void> done) {
        Worker unwanted = null;
        try {
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            Worker w = Worker.launch(spec);
            CompletableFuture<Void> warm = w.ready()
                    .thenCombine(warmUpAfter, (ready, v) -> ready)
                    .thenCompose(Worker::warmUp)
                    .handle((v, e) -> null);
            synchronized (this) {
                pendingLaunches.remove(done);
                if (closed) {
                    unwanted = w; // closed while it was spawned: killed, never left behind
                } else {
                    spares.addLast(new Spare(w, warm));
                }
            }
        } finally {
            if (unwanted != null) {
                unwanted.kill();
            }
            launched(done);
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
            toStop = new ArrayList<>();
            spares.forEach(s -> toStop.add(s.worker()));
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

    /** A spare and its warm-up (see {@link Worker#warmUp()}). */
    private record Spare(Worker worker, CompletableFuture<Void> warm) {
        /** Started, warmed up and waiting. */
        boolean ready() {
            return warm.isDone() && worker.state() == WorkerState.IDLE;
        }
    }

    @Override
    public synchronized String toString() {
        return "WorkerPool[" + spares.size() + "/" + size + " spares, " + spec + (closed ? ", closed" : "") + "]";
    }
}
