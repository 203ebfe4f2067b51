package dev.kiln.app.model;

import java.util.List;
import java.util.Optional;

/**
 * One piece of code run on several workers at once, to compare them (a JDK 17 and a JDK 25
 * worker, say): a row per worker, each holding that worker's own run, which fills in as the
 * worker answers. Each run is also in its worker's own results history.
 */
public final class SideBySide {
    /** A worker and its run of the code. */
    public record Row(WorkerViewModel worker, ResultEntry entry) {}

    private final String source;
    private final List<Row> rows;

    SideBySide(String source, List<Row> rows) {
        this.source = source;
        this.rows = List.copyOf(rows);
    }

    /** The code that was run. */
    public String source() {
        return source;
    }

    /** One row per worker, in the order of the worker list. */
    public List<Row> rows() {
        return rows;
    }

    /** The run of {@code worker}, if it took part. */
    public Optional<ResultEntry> entryOf(WorkerViewModel worker) {
        return rows.stream().filter(r -> r.worker() == worker).map(Row::entry).findFirst();
    }

    /** Whether every worker has answered (with a value, an error, or an interruption). */
    public boolean isDone() {
        return rows.stream().allMatch(r -> r.entry().status().isDone());
    }
}
