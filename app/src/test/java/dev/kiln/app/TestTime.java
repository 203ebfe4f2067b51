package dev.kiln.app;

import java.time.Duration;

/**
 * Time limits in UI tests: generous, for a property a person relies on ("the window never
 * freezes", "Interrupt answers promptly"), never a speed figure (those are benchmarks). A slow
 * machine multiplies them with {@code -Dkiln.test.timeScale=3}.
 */
final class TestTime {
    private static final double SCALE = Double.parseDouble(System.getProperty("kiln.test.timeScale", "1"));

    private TestTime() {}

    /** {@code limit} times the scale factor. */
    static Duration generous(Duration limit) {
        return Duration.ofNanos((long) (limit.toNanos() * SCALE));
    }
}
