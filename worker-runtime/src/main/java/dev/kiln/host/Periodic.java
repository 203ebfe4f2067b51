package dev.kiln.host;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** A sample taken every period and handed to a listener; a sample still in flight is not doubled up. */
public final class Periodic {
    private static final System.Logger LOG = System.getLogger(Periodic.class.getName());

    private Periodic() {}

    /**
     * Starts sampling; running the returned action stops it.
     *
     * @param active whether to sample now (e.g. the worker is ready and running)
     */
    public static <T> Runnable every(
            Duration period,
            ScheduledExecutorService timer,
            BooleanSupplier active,
            Supplier<CompletableFuture<T>> sample,
            Consumer<T> listener) {
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
                        LOG.log(System.Logger.Level.WARNING, "a sample listener failed", ex);
                    }
                }
            });
        };
        ScheduledFuture<?> task = timer.scheduleAtFixedRate(tick, 0, period.toNanos(), TimeUnit.NANOSECONDS);
        return () -> {
            cancelled.set(true);
            task.cancel(false);
        };
    }
}
