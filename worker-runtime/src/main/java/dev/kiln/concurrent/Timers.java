package dev.kiln.concurrent;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/** One daemon timer thread for the host's bounded waits (stop escalation, start timeouts). */
public final class Timers {
    private static final ScheduledExecutorService TIMER;

    static {
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, KilnThreads.factory("kiln-timer-"));
        ex.setRemoveOnCancelPolicy(true);
        TIMER = ex;
    }

    private Timers() {}

    public static ScheduledExecutorService timer() {
        return TIMER;
    }
}
