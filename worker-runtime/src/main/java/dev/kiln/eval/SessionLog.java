package dev.kiln.eval;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Every evaluation of one worker, in the order they ran: what the evaluator did with each
 * source, for the API's history. Thread-safe; holds the last {@link #MAX_ENTRIES}.
 */
public final class SessionLog {
    /** Most evaluations kept; older ones go first. */
    public static final int MAX_ENTRIES = 10_000;

    /**
     * One evaluation.
     *
     * @param source  the evaluated source
     * @param startedAt when the evaluator started on it (host clock)
     * @param took    from that start to its outcome
     * @param result  what it produced, or null when it failed
     * @param failure why it produced nothing (an {@link EvaluationException}, or what the worker's link failed
     *                with), or null when it succeeded
     */
    public record Ran(String source, Instant startedAt, Duration took, Evaluation result, RuntimeException failure) {}

    private final ArrayDeque<Ran> entries = new ArrayDeque<>();

    synchronized void add(Ran ran) {
        entries.addLast(ran);
        while (entries.size() > MAX_ENTRIES) {
            entries.removeFirst();
        }
    }

    /** The evaluations so far, oldest first (a snapshot). */
    public synchronized List<Ran> all() {
        return List.copyOf(entries);
    }
}
