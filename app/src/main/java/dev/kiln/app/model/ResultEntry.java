package dev.kiln.app.model;

import dev.kiln.CompilationException;
import dev.kiln.RemoteException;
import dev.kiln.RemoteFrame;
import dev.kiln.RemoteImage;
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
 * the UI thread only. A run knows where its code stood in the editor ({@link Place}), so its errors
 * can point at editor lines: compile errors by their position, runtime errors by the frames of
 * their stack trace ({@link #trace()}).
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

    /**
     * Where a run's code started in the editor when it ran.
     *
     * @param offset the character offset
     * @param line   its line, from 0
     * @param column its column in that line, from 0
     */
    public record Place(int offset, int line, int column) {
        /** The start of the editor: code that was the whole editor, or that came from elsewhere. */
        public static final Place START = new Place(0, 0, 0);
    }

    /** Longest first line a separator shows before cutting it with "…". */
    static final int SEPARATOR_CODE_LENGTH = 60;

    private final String source;
    private final Place place;
    private final int number;

    private final boolean marker;

    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status", Status.QUEUED);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyObjectWrapper<Duration> duration = new ReadOnlyObjectWrapper<>(this, "duration");
    private final ObjectProperty<List<CompilationException.Diagnostic>> diagnostics =
            new SimpleObjectProperty<>(this, "diagnostics", List.of());
    private RemoteException error;
    private RemoteImage image;
    private List<TraceRow> trace = List.of();

    /** Run number {@code number} of a worker, of {@code source} that stood at {@code place} in the editor. */
    public ResultEntry(String source, Place place, int number) {
        this(source, place, number, false);
    }

    private ResultEntry(String source, Place place, int number, boolean marker) {
        this.source = source;
        this.place = place;
        this.number = number;
        this.marker = marker;
    }

    /** A line in the history that is no run, e.g. "— restarted 10:42:07 —"; done at once, with no code. */
    public static ResultEntry marker(String text) {
        ResultEntry e = new ResultEntry("", Place.START, 0, true);
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

    /** Where the code started in the editor when it ran. */
    public Place place() {
        return place;
    }

    public int editorOffset() {
        return place.offset();
    }

    /** Which run of its worker this is: 1 for the first (a restart goes on counting); 0 for a marker. */
    public int number() {
        return number;
    }

    /**
     * The line of the output that separates this run's output from what came before: the run's number
     * and its code's first line, cut with "…" ({@code — run 3: divide(1, 0) —}).
     */
    public String separator() {
        List<String> lines =
                source.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String first = lines.isEmpty() ? "" : lines.get(0);
        boolean cut = lines.size() > 1;
        if (first.length() > SEPARATOR_CODE_LENGTH) {
            first = first.substring(0, SEPARATOR_CODE_LENGTH - 1).stripTrailing();
            cut = true;
        }
        return "— run " + number + ": " + first + (cut ? " …" : "") + " —";
    }

    /**
     * The editor line (from 1) that line {@code sourceLine} (from 1) of this run's code stood on when
     * it ran.
     */
    public int editorLine(int sourceLine) {
        return place.line() + sourceLine;
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

    /** Compile errors, positioned in the run's own source (see {@link #place()} for the editor). */
    public List<CompilationException.Diagnostic> diagnostics() {
        return diagnostics.get();
    }

    /** What the code threw in the worker, its real class and causes; null unless the run failed so. */
    public RemoteException error() {
        return error;
    }

    /** The stack trace of {@link #error()} as lines to show; empty without one. */
    public List<TraceRow> trace() {
        return trace;
    }

    /** The innermost frame of this run's own code in its trace: where it went wrong; null without one. */
    public RemoteFrame failedFrame() {
        return error == null ? null : TraceRow.innermostInRun(error);
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

    /** The value as an image ({@code BufferedImage}, JavaFX {@code Image}) for Results to show; else null. */
    public RemoteImage image() {
        return image;
    }

    void succeeded(String text, Duration took, RemoteImage picture) {
        image = picture;
        succeeded(text, took);
    }

    void succeeded(String text, Duration took) {
        summary.set(text);
        detail.set(text);
        duration.set(took);
        status.set(Status.OK);
    }

    void failed(
            Status kind,
            String firstLine,
            String full,
            Duration took,
            List<CompilationException.Diagnostic> diags,
            RemoteException thrown) {
        error = thrown;
        trace = thrown == null ? List.of() : TraceRow.of(thrown);
        summary.set(firstLine);
        detail.set(full);
        duration.set(took);
        diagnostics.set(List.copyOf(diags));
        status.set(kind);
    }
}
