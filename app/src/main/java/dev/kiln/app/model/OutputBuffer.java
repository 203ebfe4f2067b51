package dev.kiln.app.model;

import dev.kiln.StreamKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.collections.ObservableList;

/**
 * A worker's output as a capped list of lines, fed from any thread, read on the UI thread.
 *
 * <p>Chunks from the library are split into lines as they arrive (off the UI thread); at
 * most one flush is pending on the UI thread at a time, and the pending batch itself never
 * holds more than the cap, so a flood of output costs the UI one bounded append per frame
 * (into a {@link LineRing}, where dropping the oldest lines costs no shifting) and memory stays bounded. Lines pushed out by the cap are counted in {@link #droppedLines()}.
 *
 * <p>Besides the worker's text it holds the workbench's own lines, in order with it: marker lines
 * ({@link #mark}: each run's separator, a restart) and the echo of what the user typed for the
 * worker's {@code System.in} ({@link #input}).
 */
public final class OutputBuffer {
    public static final int DEFAULT_CAP = 10_000;

    private final int cap;
    private final Ui ui;
    private final LineRing<OutputLine> lines;
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper(this, "droppedLines");

    // Guarded by "this": written by the library's output threads, drained by flush().
    private ArrayDeque<Piece> pending = new ArrayDeque<>();
    private final Map<StreamKind, StringBuilder> partial = new EnumMap<>(StreamKind.class);
    private final Map<StreamKind, Boolean> partialShown = new EnumMap<>(StreamKind.class);
    private long pendingDropped;
    private boolean flushScheduled;
    /** A run's separator, shown before the next text (a run that prints nothing leaves no separator). */
    private String separator;

    /** A line to add; {@code continues} means it replaces the open line of its stream shown before. */
    private record Piece(OutputLine line, boolean continues) {}

    public OutputBuffer(int cap, Ui ui) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be positive, got " + cap);
        }
        this.cap = cap;
        this.ui = ui;
        this.lines = new LineRing<>(cap);
    }

    /**
     * Adds text written by the worker; any thread. The text is cut into lines before taking the
     * lock that {@link #flush()} needs too: a reader thread that loses its core while it holds the
     * lock stalls the UI thread's flush, so the lock guards only a few pointer moves.
     */
    public void accept(StreamKind stream, String text) {
        int nl = text.indexOf('\n');
        String head = nl < 0 ? null : text.substring(0, nl);
        List<Piece> whole = new ArrayList<>();
        int from = nl + 1;
        if (nl >= 0) {
            int next;
            while ((next = text.indexOf('\n', from)) >= 0) {
                int end = next > from && text.charAt(next - 1) == '\r' ? next - 1 : next;
                whole.add(new Piece(new OutputLine(stream, text.substring(from, end), false), false));
                from = next + 1;
            }
        }
        String tail = nl < 0 ? text : text.substring(from);
        // Lines that could never be shown: a chunk longer than the cap keeps only its last lines.
        int beyondCap = Math.max(0, whole.size() - cap);
        List<Piece> kept = whole.subList(beyondCap, whole.size());
        boolean schedule;
        synchronized (this) {
            if (!text.isEmpty()) {
                pushSeparator();
            }
            StringBuilder sb = partial.computeIfAbsent(stream, k -> new StringBuilder());
            if (head != null) {
                sb.append(head);
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                boolean continues = partialShown.getOrDefault(stream, false);
                push(new Piece(new OutputLine(stream, sb.toString(), false), continues));
                sb.setLength(0);
                partialShown.put(stream, false);
                pendingDropped += beyondCap;
                for (Piece p : kept) {
                    push(p);
                }
            }
            sb.append(tail);
            schedule = scheduleFlush();
        }
        if (schedule) {
            ui.post(this::flush);
        }
    }

    /**
     * Adds a line of the workbench's own between the worker's lines (a run's separator, "— restarted
     * 10:42:07 —"); any thread. A line the worker left open ends before it, so text printed without a
     * line break never runs into what comes after the mark.
     */
    public void mark(String text) {
        boolean schedule;
        synchronized (this) {
            separator = null;
            for (StreamKind stream : StreamKind.values()) {
                endOpenLine(stream, "", -1);
            }
            push(new Piece(new OutputLine(StreamKind.STDOUT, text, false, true), false));
            schedule = scheduleFlush();
        }
        if (schedule) {
            ui.post(this::flush);
        }
    }

    /**
     * Starts a run's output (any thread): a line the worker left open ends here, and {@code text}, a
     * marker line, goes before whatever is printed next, so the run's output stands under it. A run
     * that prints nothing leaves no separator.
     */
    public void separate(String text) {
        boolean schedule = false;
        synchronized (this) {
            for (StreamKind stream : StreamKind.values()) {
                if (endOpenLine(stream, "", -1)) {
                    schedule |= scheduleFlush();
                }
            }
            separator = text;
        }
        if (schedule) {
            ui.post(this::flush);
        }
    }

    /** Puts the waiting separator, if any, before what is added now. Holds "this". */
    private void pushSeparator() {
        if (separator != null) {
            push(new Piece(new OutputLine(StreamKind.STDOUT, separator, false, true), false));
            separator = null;
        }
    }

    /**
     * Echoes a line the user typed for the worker's {@code System.in} (without its line break); any
     * thread. It ends the open stdout line, the prompt, as a terminal shows it: {@code Name: Ada},
     * with {@code Ada} marked as typed ({@link OutputLine#inputFrom()}). An open stderr line ends before it.
     */
    public void input(String typed) {
        boolean schedule;
        synchronized (this) {
            pushSeparator();
            endOpenLine(StreamKind.STDERR, "", -1);
            StringBuilder prompt = partial.computeIfAbsent(StreamKind.STDOUT, k -> new StringBuilder());
            int from = prompt.length();
            if (!endOpenLine(StreamKind.STDOUT, typed, from)) {
                push(new Piece(new OutputLine(StreamKind.STDOUT, typed, false, false, 0), false));
            }
            schedule = scheduleFlush();
        }
        if (schedule) {
            ui.post(this::flush);
        }
    }

    /**
     * Ends the stream's open line (shown or not yet) with {@code tail} appended, {@code inputFrom} saying
     * where typed input starts in the not-yet-shown part; returns whether there was an open line. Holds "this".
     */
    private boolean endOpenLine(StreamKind stream, String tail, int inputFrom) {
        StringBuilder sb = partial.computeIfAbsent(stream, k -> new StringBuilder());
        boolean shown = partialShown.getOrDefault(stream, false);
        if (sb.length() == 0 && !shown) {
            return false;
        }
        push(new Piece(new OutputLine(stream, sb + tail, false, false, inputFrom), shown));
        sb.setLength(0);
        partialShown.put(stream, false);
        return true;
    }

    private boolean scheduleFlush() {
        boolean schedule = !flushScheduled;
        flushScheduled = true;
        return schedule;
    }

    private void push(Piece p) {
        pending.addLast(p);
        if (pending.size() > cap) {
            Piece gone = pending.removeFirst();
            if (!gone.continues()) {
                pendingDropped++;
            }
        }
    }

    /** Moves what arrived into {@link #lines()}; runs on the UI thread. */
    void flush() {
        ArrayDeque<Piece> batch;
        long newlyDropped;
        synchronized (this) {
            flushScheduled = false;
            // Text without its line break yet is shown as an open line, completed later.
            for (Map.Entry<StreamKind, StringBuilder> e : partial.entrySet()) {
                StringBuilder sb = e.getValue();
                if (sb.length() > 0) {
                    boolean continues = partialShown.getOrDefault(e.getKey(), false);
                    push(new Piece(new OutputLine(e.getKey(), sb.toString(), true), continues));
                    partialShown.put(e.getKey(), true);
                    sb.setLength(0);
                }
            }
            batch = pending; // taken whole, not copied: the lock is held for moments only
            pending = new ArrayDeque<>();
            newlyDropped = pendingDropped;
            pendingDropped = 0;
        }
        List<OutputLine> add = new ArrayList<>(batch.size());
        for (Piece p : batch) {
            if (p.continues()) {
                OutputLine prev = takeOpen(add, p.line().stream());
                if (prev != null) {
                    add.add(prev.then(p.line()));
                    continue;
                }
            }
            add.add(p.line());
        }
        newlyDropped += lines.append(add);
        if (newlyDropped > 0) {
            dropped.set(dropped.get() + newlyDropped);
        }
    }

    /** Removes and returns the latest open line of a stream, from the batch or the list's tail. */
    private OutputLine takeOpen(List<OutputLine> batch, StreamKind stream) {
        for (int i = batch.size() - 1; i >= 0; i--) {
            OutputLine l = batch.get(i);
            if (l.stream() == stream && l.open()) {
                return batch.remove(i);
            }
        }
        for (int i = lines.size() - 1, n = 0; i >= 0 && n < 64; i--, n++) {
            OutputLine l = lines.get(i);
            if (l.stream() == stream && l.open()) {
                return lines.removeAt(i);
            }
        }
        return null;
    }

    /** The lines, oldest first, at most the cap; UI thread only. */
    public ObservableList<OutputLine> lines() {
        return lines;
    }

    /** How many lines the cap has pushed out since the last clear. */
    public ReadOnlyLongProperty droppedLines() {
        return dropped.getReadOnlyProperty();
    }

    public int cap() {
        return cap;
    }

    /** Empties the view (UI thread). */
    public void clear() {
        synchronized (this) {
            pending.clear();
            pendingDropped = 0;
            separator = null;
        }
        lines.clear();
        dropped.set(0);
    }
}
