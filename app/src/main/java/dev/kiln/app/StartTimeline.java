package dev.kiln.app;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * The workbench's start as a timeline, for measuring it: with {@code -Dkiln.startTimeline=true}
 * each step prints one line {@code kiln-start <ms since main> <step>} on standard error (the
 * app-start benchmark reads {@value #FIRST_WORKER_READY}). Without the property nothing is printed.
 */
final class StartTimeline {
    /** The step printed once the first worker is listed and ready to run code. */
    static final String FIRST_WORKER_READY = "first-worker-ready";

    private static final boolean ON = Boolean.getBoolean("kiln.startTimeline");
    private static final long T0 = System.nanoTime();

    private StartTimeline() {}

    /** Prints {@code step} with the time since {@code main} began, if the timeline is on. */
    static void mark(String step) {
        if (ON) {
            PrintStream err = System.err;
            err.println("kiln-start " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - T0) + " " + step);
            err.flush();
        }
    }
}
