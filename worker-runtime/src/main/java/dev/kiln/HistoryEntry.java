package dev.kiln;

import java.time.Duration;
import java.time.Instant;

/**
 * One evaluation a worker ran ({@link Worker#history()}): the source and what came of it.
 *
 * <pre>{@code
 * worker.evalWait("int x = 42;");
 * worker.history();   // [HistoryEntry[source=int x = 42;, outcome=SUCCESS, text=x ==> 42, ...]]
 * }</pre>
 *
 * @param source   the source as it was evaluated
 * @param outcome  whether it succeeded, failed or was interrupted
 * @param text     for a success what the jshell tool prints ({@code x ==> 42}, {@code $1 ==> 2},
 *                 {@code created method twice(int)}), empty for a plain statement; else the error's message
 *                 (the compiler's, or the trace of what the code threw) or why it was interrupted
 * @param duration from the start of its compilation to its outcome
 * @param time     when it started (host clock)
 */
public record HistoryEntry(String source, Outcome outcome, String text, Duration duration, Instant time) {
    /** What came of an evaluation. */
    public enum Outcome {
        /** It ran to the end. */
        SUCCESS,
        /** It did not compile, or threw. */
        ERROR,
        /** An interrupt stopped it (or kept it from running). */
        INTERRUPTED
    }
}
