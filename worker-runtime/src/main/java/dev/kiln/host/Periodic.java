package dev.kiln.host;

import dev.kiln.concurrent.LazyLogger;
import dev.kiln.concurrent.Timers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** A sample taken every period and handed to a listener; a sample still in flight is not doubled up. */
public final class Periodic {
    private static final System.Logger LOG = LazyLogger.of(Periodic.class);

    private Periodic() {}

    /**
     * Starts sampling until the returned action runs or {@code until} completes.
     *
     * @param what   what is sampled, for the message when the period is not positive
     * @param active whether to sample now (e.g. the worker is ready and running)
     * @throws IllegalArgumentException if the period is zero or negative
     */
    public static <T> Runnable every(
            String what,
            Duration period,
            CompletableFuture<?> until,
            BooleanSupplier active,
            Supplier<CompletableFuture<T>> sample,
            Consumer<T> listener) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(what + " period must be positive, got " + period);
        }
        AtomicBoolean inFlight = new AtomicBoolean();
        AtomicBoolean cancelled = new AtomicBoolean();
        Runnable tick = () -> {
            if (cancelled.get() || !active.getAsBoolean() || !inFlight.compareAndSet(false, true)) {
                return;
            }
            sample.get().whenComplete((s, e) -> {
                inFlight.set(false);
                if (s != null && !cancelled.get()) {
                    try {
                        listener.accept(s);
                    } catch (RuntimeException ex) {
                        LOG.log(System.Logger.Level.WARNING, "a " + what + " listener failed", ex);
                    }
                }
            });
        };
        ScheduledFuture<?> task = Timers.timer().scheduleAtFixedRate(tick, 0, period.toNanos(), TimeUnit.NANOSECONDS);
        Runnable cancel = () -> {
            cancelled.set(true);
            task.cancel(false);
        };
        until.whenComplete((v, e) -> cancel.run());
        return cancel;
    }
}
