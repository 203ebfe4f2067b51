package dev.kiln.app.model;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Finding text in a worker's output, as a browser's find bar does: every occurrence of the query
 * (ignoring case), the one the user is at, and where that is: {@code 3 of 12}, or {@code not found}.
 * The matches follow the lines as output arrives and the cap drops old lines (counted again once per
 * batch of changes); the current match stays on its line while that line is kept. UI thread only.
 */
public final class OutputSearch {
    /** One occurrence: on the line at index {@code line}, from {@code start} to just before {@code end}. */
    public record Match(int line, int start, int end) {}

    /** An occurrence's place in a line's text. */
    public record Range(int start, int end) {}

    private final Ui ui;
    private final ListChangeListener<OutputLine> changed = c -> recountLater();
    private final ReadOnlyObjectWrapper<Match> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper(this, "version");
    private ObservableList<OutputLine> lines = FXCollections.observableArrayList();
    private String query = "";
    private List<Match> matches = List.of();
    private int at = -1;
    /** The current match's line and start, to find it again after the lines changed. */
    private OutputLine atLine;

    private int atStart;
    private boolean recountPending;

    public OutputSearch(Ui ui) {
        this.ui = ui;
    }

    /** Searches {@code lines} from now on (another worker's output): the query stays, matched anew. */
    public void setLines(ObservableList<OutputLine> lines) {
        this.lines.removeListener(changed);
        this.lines = lines;
        lines.addListener(changed);
        atLine = null;
        recount(0);
    }

    /**
     * Looks for {@code query} (empty: no search); the current match becomes the first at or after
     * line {@code fromLine}, else the first of all.
     */
    public void find(String query, int fromLine) {
        this.query = query == null ? "" : query;
        atLine = null;
        recount(fromLine);
    }

    /** Moves to the next match, after the last back to the first; returns it (null: none). */
    public Match next() {
        return moveBy(1);
    }

    /** Moves to the previous match, before the first back to the last; returns it (null: none). */
    public Match previous() {
        return moveBy(-1);
    }

    private Match moveBy(int step) {
        if (matches.isEmpty()) {
            return null;
        }
        select(at < 0 ? 0 : Math.floorMod(at + step, matches.size()));
        return current.get();
    }

    public String query() {
        return query;
    }

    /** The match the user is at; null when nothing matches (or no query). */
    public ReadOnlyObjectProperty<Match> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** {@code 3 of 12}, {@code not found}, or empty without a query. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Changes whenever the matches or the current one may have: a view redraws its highlights. */
    public ReadOnlyLongProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    /** How many occurrences there are. */
    public int count() {
        return matches.size();
    }

    /** Whether the occurrence starting at {@code start} on line {@code line} is the current match. */
    public boolean isCurrent(int line, int start) {
        Match m = current.get();
        return m != null && m.line() == line && m.start() == start;
    }

    /** The occurrences of the query in {@code text}, ignoring case, left to right, none overlapping. */
    public List<Range> occurrences(String text) {
        return occurrences(text, query);
    }

    static List<Range> occurrences(String text, String query) {
        if (query.isEmpty() || text.length() < query.length()) {
            return List.of();
        }
        List<Range> found = new ArrayList<>();
        int n = query.length();
        for (int i = 0; i + n <= text.length(); i++) {
            if (text.regionMatches(true, i, query, 0, n)) {
                found.add(new Range(i, i + n));
                i += n - 1;
            }
        }
        return found;
    }

    private void recountLater() {
        if (query.isEmpty() || recountPending) {
            return;
        }
        recountPending = true;
        ui.post(() -> {
            recountPending = false;
            recount(0);
        });
    }

    /** Finds every match again; keeps the current one if its line is still there, else takes the first from {@code fromLine}. */
    private void recount(int fromLine) {
        List<Match> all = new ArrayList<>();
        if (!query.isEmpty()) {
            for (int i = 0; i < lines.size(); i++) {
                for (Range r : occurrences(lines.get(i).text(), query)) {
                    all.add(new Match(i, r.start(), r.end()));
                }
            }
        }
        matches = List.copyOf(all);
        int keep = -1;
        int from = -1;
        for (int k = 0; k < matches.size(); k++) {
            Match m = matches.get(k);
            if (atLine != null && lines.get(m.line()) == atLine && m.start() == atStart) {
                keep = k;
                break;
            }
            if (from < 0 && m.line() >= fromLine) {
                from = k;
            }
        }
        select(keep >= 0 ? keep : matches.isEmpty() ? -1 : Math.max(0, from));
    }

    private void select(int index) {
        at = index;
        Match m = index < 0 ? null : matches.get(index);
        atLine = m == null ? null : lines.get(m.line());
        atStart = m == null ? 0 : m.start();
        current.set(m);
        status.set(query.isEmpty() ? "" : matches.isEmpty() ? "not found" : (index + 1) + " of " + matches.size());
        version.set(version.get() + 1);
    }
}
