package dev.kiln;

import dev.kiln.host.InterruptEscalation;
import dev.kiln.host.WorkerLink;
import dev.kiln.wire.Message;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** How a worker's running code is interrupted: see {@link Worker#interrupt()}. */
final class Interrupts {
    /** How long the worker has to confirm an interrupt message before the host rings the OS doorbell. */
    static final Duration GRACE = Duration.ofMillis(250);

    private static final InterruptEscalation ESCALATION = InterruptEscalation.after(GRACE);

    private Interrupts() {}

    /**
     * Marks the evaluation in flight (it may still be compiling), then sends the interrupt message
     * and, without a confirmation in time, rings the doorbell; off the caller's thread, never waiting.
     * Does nothing before the worker is ready or once it is gone.
     */
    static void interrupt(CompletableFuture<?> ready, Lifecycle lifecycle, Evaluations evaluations, WorkerLink link) {
        if (ready.isCompletedExceptionally() || !ready.isDone() || lifecycle.get() == WorkerState.EXITED) {
            return; // nothing runs
        }
        evaluations.interruptPending(lifecycle.busy() > 0);
        ESCALATION.interrupt(
                () -> link.request(Message.Interrupt::new),
                link::ringDoorbell,
                () -> lifecycle.get() != WorkerState.EXITED);
    }
}
