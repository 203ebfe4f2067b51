package dev.kiln.bench;

import java.util.ArrayList;
import java.util.List;

/** What a run collects for docs/BENCHMARKS.md: the table's rows and the notes under it, in the order added. */
final class Report {
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    /** A line for the Notes section: how the run went where it matters to the figures. */
    void note(String note) {
        notes.add(note);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }
}
