package dev.kiln;

import dev.kiln.concurrent.LazyLogger;
import dev.kiln.host.NestedRelay;
import dev.kiln.host.WorkerLink;
import dev.kiln.host.WorkerProcess;
import dev.kiln.wire.Message;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A worker's state and who hears of its changes: STARTING → IDLE ⇄ BUSY → STOPPING → EXITED.
 * BUSY while at least one user request (evaluation or call) is in flight.
 */
final class Lifecycle {
    private static final System.Logger LOG = LazyLogger.of(Lifecycle.class);
    /** How long each step of a stop (shutdown request, TERM, KILL) may take. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final AtomicReference<WorkerState> state = new AtomicReference<>(WorkerState.STARTING);
    private final List<Consumer<WorkerState>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger busy = new AtomicInteger();
    private final String name;
    private final WorkerProcess process;
    /** Set by {@link #begin}, before the link starts (and so before the process can be seen to exit). */
    private volatile Worker worker;

    private volatile Runnable atExit;

    /** @param process the worker's process, for reports to this JVM's own host (nested workers) */
    Lifecycle(String name, WorkerProcess process) {
        this.name = name;
        this.process = process;
    }

    WorkerState get() {
        return state.get();
    }

    /**
     * The worker's life begins: listed among the live workers, its state reported, IDLE once {@code link} is
     * ready (then {@code ready} completes with it), and the link started. When it ends ({@link #exited()}),
     * {@code atExit} runs.
     */
    void begin(Worker worker, WorkerLink link, CompletableFuture<Worker> ready, Runnable atExit) {
        this.worker = worker;
        this.atExit = atExit;
        LiveWorkers.add(worker, link.process()::kill);
        report();
        idleWhen(link.ready(), ready, worker);
        link.start();
    }

    /**
     * When {@code started} completes, STARTING becomes IDLE and {@code ready} completes with
     * {@code worker}; when it fails, {@code ready} fails with why.
     */
    <T> void idleWhen(CompletableFuture<?> started, CompletableFuture<T> ready, T worker) {
        started.whenComplete((h, e) -> {
            if (e != null) {
                ready.completeExceptionally(KilnException.unwrap(e));
                return;
            }
            move(WorkerState.STARTING, WorkerState.IDLE);
            ready.complete(worker);
        });
    }

    /** Moves to {@code next} if the state is {@code expected}; true if it did. */
    boolean move(WorkerState expected, WorkerState next) {
        if (state.compareAndSet(expected, next)) {
            fire(next);
            return true;
        }
        return false;
    }

    /**
     * Stops the worker behind {@code link} gracefully (see {@link Worker#stop()}); false, once it is
     * gone, when it was already stopping or gone.
     */
    boolean stop(WorkerLink link) {
        if (!beginStop()) {
            link.awaitExit(STOP_GRACE.multipliedBy(3));
            return false;
        }
        link.stop(STOP_GRACE);
        return true;
    }

    /** Moves to STOPPING; false when the worker is already stopping or gone. */
    private boolean beginStop() {
        while (true) {
            WorkerState s = state.get();
            if (s == WorkerState.EXITED || s == WorkerState.STOPPING) {
                return false;
            }
            if (move(s, WorkerState.STOPPING)) {
                return true;
            }
        }
    }

    /** The process has exited: the state says so before any pending request fails; the worker is no longer live. */
    void exited() {
        set(WorkerState.EXITED);
        atExit.run();
        LiveWorkers.remove(worker);
    }

    void set(WorkerState s) {
        if (state.getAndSet(s) != s) {
            fire(s);
        }
    }

    /** User requests in flight. */
    int busy() {
        return busy.get();
    }

    /** Counts a user request (evaluation or call) for the IDLE/BUSY state while it is in flight. */
    <T> CompletableFuture<T> tracked(CompletableFuture<T> f) {
        if (busy.incrementAndGet() == 1) {
            move(WorkerState.IDLE, WorkerState.BUSY);
        }
        f.whenComplete((r, e) -> {
            if (busy.decrementAndGet() == 0) {
                move(WorkerState.BUSY, WorkerState.IDLE);
            }
        });
        return f;
    }

    Subscription subscribe(Consumer<WorkerState> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Tells this JVM's host (when it has one) of the current state. */
    void report() {
        reportUp(state.get());
    }

    /** When this JVM is itself a worker, tells its host about this (nested) worker. */
    private void reportUp(WorkerState s) {
        int code = s == WorkerState.EXITED ? process.onExit().getNow(-1) : -1;
        NestedRelay.reportUp(
                new Message.NestedWorker(process.pid(), ProcessHandle.current().pid(), name, s.name(), code));
    }

    private void fire(WorkerState s) {
        reportUp(s);
        for (Consumer<WorkerState> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a state listener failed", e);
            }
        }
    }
}
