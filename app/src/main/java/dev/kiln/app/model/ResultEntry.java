package dev.kiln.app.model;

import dev.kiln.CompilationException;
import java.time.Duration;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One run in a worker's results history, or a marker line between runs (a restart); changed on
 * the UI thread only.
 */
public final class ResultEntry {
    public enum Status {
        QUEUED,
        RUNNING,
        OK,
        ERROR,
        INTERRUPTED;

        public boolean isDone() {
            return this == OK || this == ERROR || this == INTERRUPTED;
        }
    }

    private final String source;
    /** Where the source starts in the editor, to place compile errors. */
    private final int editorOffset;

    private final boolean marker;

    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status", Status.QUEUED);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyObjectWrapper<Duration> duration = new ReadOnlyObjectWrapper<>(this, "duration");
    private final ObjectProperty<List<CompilationException.Diagnostic>> diagnostics =
            new SimpleObjectProperty<>(this, "diagnostics", List.of());

    public ResultEntry(String source, int editorOffset) {
        this(source, editorOffset, false);
    }

    private ResultEntry(String source, int editorOffset, boolean marker) {
        this.source = source;
        this.editorOffset = editorOffset;
        this.marker = marker;
    }

    /** A line in the history that is no run, e.g. "— restarted 10:42:07 —"; done at once, with no code. */
    public static ResultEntry marker(String text) {
        ResultEntry e = new ResultEntry("", -1, true);
        e.summary.set(text);
        e.detail.set(text);
        e.status.set(Status.OK);
        return e;
    }

    /** Whether this is a marker line rather than a run. */
    public boolean isMarker() {
        return marker;
    }

    public String source() {
        return source;
    }

    public int editorOffset() {
        return editorOffset;
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public Status status() {
        return status.get();
    }

    /** One line: the value as jshell shows it, or the error's first line. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public String summary() {
        return summary.get();
    }

    /**
     * The full text: the whole value as jshell shows it, or the error with every compiler message
     * or the worker's whole stack trace. Empty until the run is done.
     */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public String detail() {
        return detail.get();
    }

    public ReadOnlyObjectProperty<Duration> durationProperty() {
        return duration.getReadOnlyProperty();
    }

    public Duration duration() {
        return duration.get();
    }

    public List<CompilationException.Diagnostic> diagnostics() {
        return diagnostics.get();
    }

    private long startNanos;

    void running() {
        startNanos = System.nanoTime();
        status.set(Status.RUNNING);
    }

    /** Wall time since it started running (for runs that end without the library's figure). */
    Duration elapsed() {
        return startNanos == 0 ? null : Duration.ofNanos(System.nanoTime() - startNanos);
    }

    void succeeded(String text, Duration took) {
        summary.set(text);
        detail.set(text);
        duration.set(took);
        status.set(Status.OK);
    }

    void failed(
            Status kind, String firstLine, String full, Duration took, List<CompilationException.Diagnostic> diags) {
        summary.set(firstLine);
        detail.set(full);
        duration.set(took);
        diagnostics.set(List.copyOf(diags));
        status.set(kind);
    }
}
