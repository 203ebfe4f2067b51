package dev.kiln.app.view;

import dev.kiln.RemoteFrame;
import dev.kiln.app.model.ResultEntry;
import dev.kiln.app.model.TraceRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiConsumer;
import javafx.beans.InvalidationListener;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CharacterHit;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.fxmisc.richtext.model.TwoDimensional;

/**
 * The selected result in full, under the results list ({@code #resultDetail}, selectable, read
 * only): the whole value, every compiler message, or the worker's stack trace read like the
 * {@code jshell} tool prints one: the real exception class, each {@code Caused by}, snippet frames
 * as {@code at divide (#1:2)}. A frame of the run's own code names its editor line and is a link:
 * a click (or Enter on its line) shows that line in the editor. Runs of machinery frames
 * (reflection, JShell, Kiln) are folded into one "N internal frames" line that a click unfolds.
 */
final class ResultDetail {
    private final StyleClassedTextArea area = new StyleClassedTextArea();
    private final VirtualizedScrollPane<StyleClassedTextArea> pane = new VirtualizedScrollPane<>(area);
    private final BiConsumer<ResultEntry, RemoteFrame> showFrame;
    private final InvalidationListener refresh = o -> render();
    /** The internal-frame groups unfolded, by their row's index in the trace. */
    private final Set<Integer> unfolded = new HashSet<>();
    /** What each paragraph shown is, to act on a click: a frame link, an internal group's index, or null. */
    private List<Object> paragraphs = List.of();

    private ResultEntry entry;

    /** {@code showFrame} shows a clicked frame's line in the editor. */
    ResultDetail(BiConsumer<ResultEntry, RemoteFrame> showFrame) {
        this.showFrame = showFrame;
        area.setId("resultDetail");
        area.getStyleClass().add("result-detail");
        area.setEditable(false);
        area.setWrapText(true);
        Label placeholder = new Label("The selected result, in full. Double-click a result or press Enter to put"
                + " its code in the editor.");
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add("result-detail-placeholder");
        area.setPlaceholder(placeholder);
        area.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()) {
                paragraphAt(e).ifPresent(this::activate);
            }
        });
        area.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            OptionalInt p = paragraphAt(e);
            area.setCursor(p.isPresent() && paragraphs.get(p.getAsInt()) != null ? Cursor.HAND : Cursor.TEXT);
        });
        area.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShortcutDown()) {
                e.consume();
                activate(area.getCurrentParagraph());
            }
        });
    }

    Node node() {
        return pane;
    }

    /** Shows {@code e} (null: nothing), and follows it until it is done. */
    void show(ResultEntry e) {
        if (entry != null) {
            entry.statusProperty().removeListener(refresh);
            entry.detailProperty().removeListener(refresh);
        }
        entry = e;
        unfolded.clear();
        if (e != null) {
            e.statusProperty().addListener(refresh);
            e.detailProperty().addListener(refresh);
        }
        render();
    }

    private OptionalInt paragraphAt(MouseEvent e) {
        CharacterHit hit = area.hit(e.getX(), e.getY());
        if (hit.getCharacterIndex().isEmpty() || paragraphs.isEmpty()) {
            return OptionalInt.empty();
        }
        int p = area.offsetToPosition(hit.getCharacterIndex().getAsInt(), TwoDimensional.Bias.Forward)
                .getMajor();
        return p < paragraphs.size() ? OptionalInt.of(p) : OptionalInt.empty();
    }

    private void activate(int paragraph) {
        if (paragraph < 0 || paragraph >= paragraphs.size()) {
            return;
        }
        Object what = paragraphs.get(paragraph);
        if (what instanceof RemoteFrame f) {
            showFrame.accept(entry, f);
        } else if (what instanceof Integer group) {
            if (!unfolded.remove(group)) {
                unfolded.add(group);
            }
            render(paragraph);
        }
    }

    private void render() {
        render(0);
    }

    /** Shows the entry anew, the caret on paragraph {@code caret}. */
    private void render(int caret) {
        ResultEntry e = entry;
        area.getStyleClass().remove("error");
        Builder text = new Builder();
        if (e == null) {
            text.show(0);
            return;
        }
        if (e.status() == ResultEntry.Status.ERROR) {
            area.getStyleClass().add("error");
        }
        if (e.status().isDone() && !e.trace().isEmpty()) {
            trace(e, text);
        } else {
            String style = e.status() == ResultEntry.Status.ERROR ? "detail-error" : "detail-text";
            List<String> lines = ResultsView.detailText(e).lines().toList();
            for (String line : lines) {
                text.line(null).add(line, style);
            }
        }
        text.show(caret);
    }

    private void trace(ResultEntry e, Builder text) {
        List<TraceRow> rows = e.trace();
        for (int i = 0; i < rows.size(); i++) {
            TraceRow row = rows.get(i);
            if (row instanceof TraceRow.Heading h) {
                text.line(null).add(h.text(), h.cause() ? "trace-cause" : "trace-heading");
            } else if (row instanceof TraceRow.Frame f && f.inRunSource()) {
                text.line(f.frame())
                        .add(TraceRow.INDENT + "at ", "trace-frame")
                        .add(f.frame().toString(), "trace-link")
                        .add("  editor line " + e.editorLine(f.frame().sourceLine()), "trace-line");
            } else if (row instanceof TraceRow.Internal in) {
                boolean open = unfolded.contains(i);
                text.line(i).add(TraceRow.INDENT + (open ? "▾ " : "▸ ") + in.label(), "trace-fold");
                if (open) {
                    for (RemoteFrame f : in.frames()) {
                        text.line(null).add(TraceRow.INDENT + "  at " + f, "trace-internal");
                    }
                }
            } else {
                text.line(null).add(row.text(), "trace-frame");
            }
        }
    }

    /** The text being built: its paragraphs, each with styled pieces and what a click on it does. */
    private final class Builder {
        private final StringBuilder chars = new StringBuilder();
        private final StyleSpansBuilder<Collection<String>> styles = new StyleSpansBuilder<>();
        private final List<Object> meaning = new ArrayList<>();

        /** Starts a paragraph that does {@code what} when clicked (null: nothing). */
        Builder line(Object what) {
            if (!meaning.isEmpty()) {
                add("\n", "detail-text");
            }
            meaning.add(what);
            return this;
        }

        Builder add(String s, String style) {
            chars.append(s);
            styles.add(List.of(style), s.length());
            return this;
        }

        /** Shows the text with the caret on paragraph {@code caret}, scrolled into view. */
        void show(int caret) {
            paragraphs = Collections.unmodifiableList(new ArrayList<>(meaning)); // nulls: lines that do nothing
            area.replaceText(chars.toString());
            if (chars.length() > 0) {
                area.setStyleSpans(0, styles.create());
            }
            area.moveTo(Math.min(caret, area.getParagraphs().size() - 1), 0);
            area.requestFollowCaret();
        }
    }
}
