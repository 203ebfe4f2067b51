package dev.kiln.host;

import dev.kiln.concurrent.KilnThreads;
import dev.kiln.concurrent.Timers;
import dev.kiln.wire.Message;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * An interrupt in two steps: the control message, read by the worker's control thread; then,
 * when the worker has not confirmed it within the grace time (its control path is stuck, or
 * not read), the OS doorbell, which runs the same stop path. The caller never waits for the
 * worker: the message is sent off its thread and the timer runs whatever the send does.
 */
public final class InterruptEscalation {
    private final Duration grace;
    private final ScheduledExecutorService timer;
    private final Executor sender;

    /** An escalation after {@code grace}, on Kiln's timer, sending from Kiln's threads. */
    public static InterruptEscalation after(Duration grace) {
        return new InterruptEscalation(
                grace, Timers.timer(), Executors.newCachedThreadPool(KilnThreads.factory("kiln-interrupt-")));
    }

    public InterruptEscalation(Duration grace, ScheduledExecutorService timer, Executor sender) {
        this.grace = grace;
        this.timer = timer;
        this.sender = sender;
    }

    /**
     * Starts an interrupt.
     *
     * @param sendMessage sends the interrupt message; its future completes with the worker's confirmation
     * @param ringDoorbell rings the OS doorbell
     * @param alive whether the worker still runs (a gone worker is not rung)
     * @return completes with true when the message was confirmed in time, false when the doorbell rang
     */
    public CompletableFuture<Boolean> interrupt(
            Supplier<CompletableFuture<Message>> sendMessage, Runnable ringDoorbell, BooleanSupplier alive) {
        CompletableFuture<Message> ack = new CompletableFuture<>();
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        timer.schedule(
                () -> {
                    if (!ack.isDone() && alive.getAsBoolean()) {
                        try {
                            ringDoorbell.run();
                        } finally {
                            outcome.complete(false);
                        }
                    } else {
                        outcome.complete(ack.isDone() && !ack.isCompletedExceptionally());
                    }
                },
                grace.toNanos(),
                TimeUnit.NANOSECONDS);
        sender.execute(() -> sendMessage.get().whenComplete((m, e) -> {
            if (e == null) {
                ack.complete(m);
            } else {
                ack.completeExceptionally(e);
            }
        }));
        return outcome;
    }
}
