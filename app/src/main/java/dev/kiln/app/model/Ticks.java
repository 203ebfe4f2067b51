package dev.kiln.app.model;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The app's one timer thread for periodic work (stats, a clock in the details), which it posts to
 * the UI thread. Not a JavaFX {@code Timeline}: a running animation keeps the toolkit's pulse going
 * sixty times a second, even when nothing on screen changes; a post wakes the UI thread once.
 */
public final class Ticks {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kiln-app-ticks");
        t.setDaemon(true);
        return t;
    });

    private Ticks() {}

    /**
     * Posts {@code action} to {@code ui} every {@code period}, the first one period from now, until the
     * returned future is cancelled (a post already made still runs: the action checks what it needs).
     */
    public static ScheduledFuture<?> every(Duration period, Ui ui, Runnable action) {
        long nanos = period.toNanos();
        return TIMER.scheduleAtFixedRate(() -> ui.post(action), nanos, nanos, TimeUnit.NANOSECONDS);
    }
}
