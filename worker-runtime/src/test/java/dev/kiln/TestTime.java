package dev.kiln;

import java.time.Duration;

/**
 * Time limits in tests: generous, for a property a person relies on ("promptly", "not after a
 * long timeout"), never a speed figure (those are benchmarks). A slow machine multiplies them
 * with {@code -Dkiln.test.timeScale=3}.
 */
public final class TestTime {
    private static final double SCALE = Double.parseDouble(System.getProperty("kiln.test.timeScale", "1"));

    private TestTime() {}

    /** {@code limit} times the scale factor. */
    public static Duration generous(Duration limit) {
        return Duration.ofNanos((long) (limit.toNanos() * SCALE));
    }

    /** {@link #generous} in milliseconds. */
    public static long generousMillis(Duration limit) {
        return generous(limit).toMillis();
    }
}
