package dev.kiln.app.editor;

import dev.kiln.Completion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Popup;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.event.MouseOverTextEvent;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.fxmisc.richtext.model.TwoDimensional;

/**
 * The code editor: a RichTextFX {@link CodeArea} with Java highlighting computed off the FX
 * thread (stale results dropped), line numbers, marks ({@link EditorMark}: compile errors and the
 * line where a run threw, underlined with a dot in the gutter and their message on hover; the line
 * of a stack frame the user asked to see, highlighted), and completion on Ctrl+Space. Marks go at
 * the next edit. Its text and line numbers follow the window's font size (the zoom).
 */
public final class CodeEditor extends StackPane {
    /**
     * Completion's key, taken by the editor alone (no workbench command may use it): Ctrl+Space on
     * every OS, as IntelliJ has it. Not Shortcut+Space, which on macOS is ⌘Space, Spotlight's.
     */
    public static final KeyCombination COMPLETE = new KeyCodeCombination(KeyCode.SPACE, KeyCombination.CONTROL_DOWN);

    private final CodeArea area = new CodeArea();
    private final Executor background;
    private final ObservableList<EditorMark> marks = FXCollections.observableArrayList();
    /** A mark's message on hover; made when first needed. */
    private Popup hoverPopup;

    private final Label hoverLabel = new Label();
    /** Made when completion is first asked for. */
    private CompletionPopup completion;

    private BiFunction<String, Integer, CompletableFuture<List<String>>> signatureSource;
    private StyleSpans<Collection<String>> highlight;
    private long highlightGeneration;
    private BiFunction<String, Integer, CompletableFuture<List<Completion>>> completionSource =
            (t, c) -> CompletableFuture.completedFuture(List.of());

    public CodeEditor(Executor background) {
        this.background = background;
        area.setId("editor");
        area.getStyleClass().add("code-editor");
        IntFunction<Node> numbers = LineNumberFactory.get(area);
        area.setParagraphGraphicFactory(line -> gutter(line, numbers.apply(line)));
        marks.addListener((javafx.collections.ListChangeListener<EditorMark>) c -> {
            area.setParagraphGraphicFactory(line -> gutter(line, numbers.apply(line)));
            applyStyles();
        });

        area.multiPlainChanges().successionEnds(java.time.Duration.ofMillis(80)).subscribe(ignore -> rehighlight());
        area.plainTextChanges().filter(ch -> !ch.isIdentity()).subscribe(ch -> {
            if (!marks.isEmpty()) {
                marks.clear(); // positions are stale once the text changes
            }
        });
        hoverLabel.getStyleClass().add("error-popup");
        area.setMouseOverTextDelay(java.time.Duration.ofMillis(400));
        area.addEventHandler(
                MouseOverTextEvent.MOUSE_OVER_TEXT_BEGIN,
                e -> markAt(e.getCharacterIndex()).ifPresent(err -> {
                    hoverLabel.setText(err.message());
                    if (hoverPopup == null) {
                        hoverPopup = new Popup();
                        hoverPopup.getContent().add(hoverLabel);
                    }
                    hoverPopup.show(
                            area,
                            e.getScreenPosition().getX(),
                            e.getScreenPosition().getY() + 12);
                }));
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_END, e -> {
            if (hoverPopup != null) {
                hoverPopup.hide();
            }
        });

        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (COMPLETE.match(e)) {
                e.consume();
                complete();
            }
        });
        CaretRest.install(area, CaretRest.REST);
        getChildren().add(new VirtualizedScrollPane<>(area));
    }

    private Node gutter(int line, Node number) {
        Region marker = new Region();
        marker.getStyleClass().add("line-marker");
        List<String> messages = new ArrayList<>();
        boolean error = false;
        for (EditorMark m : marks) {
            if (m.line() == line) {
                messages.add(m.message());
                error |= m.kind().isError();
            }
        }
        marker.setVisible(!messages.isEmpty());
        if (!messages.isEmpty()) {
            // An error's dot wins over the arrow of a frame shown on the same line.
            marker.getStyleClass().add(error ? "error-marker-on" : "frame-marker-on");
            Tooltip.install(marker, new Tooltip(String.join("\n", messages)));
        }
        HBox box = new HBox(number, marker);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("gutter");
        return box;
    }

    private void rehighlight() {
        String text = area.getText();
        long gen = ++highlightGeneration;
        Task<StyleSpans<Collection<String>>> task = new Task<>() {
            @Override
            protected StyleSpans<Collection<String>> call() {
                return JavaHighlighter.computeHighlighting(text);
            }
        };
        task.setOnSucceeded(e -> {
            // A result for text that has changed since is dropped: the next one is on its way.
            if (gen == highlightGeneration && text.equals(area.getText())) {
                highlight = task.getValue();
                applyStyles();
            }
        });
        background.execute(task);
    }

    private void applyStyles() {
        int len = area.getLength();
        StyleSpans<Collection<String>> base = highlight;
        if (base == null || base.length() != len) {
            StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
            b.add(Collections.emptyList(), len);
            base = b.create();
        }
        for (EditorMark m : marks) {
            int start = Math.min(m.start(), len);
            int end = Math.max(start, Math.min(m.end(), len));
            StyleSpansBuilder<Collection<String>> mb = new StyleSpansBuilder<>();
            mb.add(Collections.emptyList(), start);
            mb.add(List.of(m.kind().styleClass()), end - start);
            mb.add(Collections.emptyList(), len - end);
            base = base.overlay(mb.create(), (a, b) -> {
                if (b.isEmpty()) {
                    return a;
                }
                List<String> both = new ArrayList<>(a);
                both.addAll(b);
                return both;
            });
        }
        if (len > 0) {
            area.setStyleSpans(0, base);
        }
    }

    private Optional<EditorMark> markAt(int index) {
        return marks.stream()
                .filter(e -> index >= e.start() && index < Math.max(e.end(), e.start() + 1))
                .findFirst();
    }

    // ------------------------------------------------------------------ completion

    /** Where completions come from (the selected worker); (text, caret) → candidates. */
    public void setCompletionSource(BiFunction<String, Integer, CompletableFuture<List<Completion>>> source) {
        this.completionSource = source;
    }

    /**
     * Where the completion popup gets the signatures of its chosen candidate: (text, cursor just
     * after the candidate's name) → its signatures, one a line. Without one, no signature line.
     */
    public void setSignatureSource(BiFunction<String, Integer, CompletableFuture<List<String>>> source) {
        signatureSource = source;
        if (completion != null) {
            completion.setSignatureSource(source);
        }
    }

    /**
     * Asks for completions at the caret and offers them in a popup that narrows as the user
     * types; a single candidate is inserted at once.
     */
    public void complete() {
        String text = area.getText();
        int caret = area.getCaretPosition();
        completionSource
                .apply(text, caret)
                .whenComplete((list, err) -> Platform.runLater(() -> {
                    // An answer for text or a caret that has changed since is dropped.
                    if (err != null
                            || list == null
                            || list.isEmpty()
                            || !text.equals(area.getText())
                            || caret != area.getCaretPosition()) {
                        return;
                    }
                    completion().offer(Candidates.distinct(list));
                }));
    }

    /** Whether the completion popup is showing. */
    public boolean isCompleting() {
        return completion != null && completion.isShowing();
    }

    private CompletionPopup completion() {
        if (completion == null) {
            completion = new CompletionPopup(area);
            completion.setSignatureSource(signatureSource);
        }
        return completion;
    }

    // ------------------------------------------------------------------ API

    /** Text to run: the selection when there is one, else everything; with its offset. */
    public Snippet snippetToRun() {
        String sel = area.getSelectedText();
        if (sel != null && !sel.isBlank()) {
            return new Snippet(sel, area.getSelection().getStart());
        }
        return new Snippet(area.getText(), 0);
    }

    /** What Run sends, and where it starts in the editor. */
    public record Snippet(String source, int offset) {}

    /**
     * Inserts {@code code} at the caret (in place of the selection, if any), on lines of its own, as
     * one edit that a single undo takes back; then selects it, so Run runs just that.
     */
    public void insertSnippet(String code) {
        String text = area.getText();
        int start = area.getSelection().getStart();
        int end = area.getSelection().getEnd();
        String before = start > 0 && text.charAt(start - 1) != '\n' ? "\n" : "";
        String after = end < text.length() && text.charAt(end) != '\n' ? "\n" : "";
        // Its own undo step: never merged with the typing before or after it.
        area.getUndoManager().preventMerge();
        area.replaceText(start, end, before + code + after);
        area.getUndoManager().preventMerge();
        int from = start + before.length();
        area.selectRange(from, from + code.length());
    }

    /** Shows compile errors; offsets are relative to a source that started at {@code offset} in the editor. */
    public void showErrors(List<dev.kiln.CompilationException.Diagnostic> diags, int offset) {
        List<EditorMark> out = new ArrayList<>();
        int len = area.getLength();
        for (var d : diags) {
            int start = Math.min(len, Math.max(0, offset + d.startOffset()));
            int end = Math.min(len, Math.max(start, offset + d.endOffset()));
            if (end == start && end < len) {
                end++;
            }
            out.add(new EditorMark(EditorMark.Kind.COMPILE_ERROR, lineOf(start), start, end, d.message()));
        }
        marks.setAll(out);
    }

    /** Marks {@code line} (from 0) as where a run threw, with {@code message} (the exception) on hover. */
    public void markRuntimeError(int line, String message) {
        marks.add(lineMark(EditorMark.Kind.RUNTIME_ERROR, line, message));
    }

    /**
     * Shows {@code line} (from 0) of the editor: scrolls to it, puts the caret at its code's start,
     * takes the keyboard focus and marks the line (the mark of a line shown before goes).
     */
    public void showLine(int line, String message) {
        int at = Math.max(0, Math.min(line, area.getParagraphs().size() - 1));
        marks.removeIf(m -> m.kind() == EditorMark.Kind.FRAME);
        EditorMark mark = lineMark(EditorMark.Kind.FRAME, at, message);
        marks.add(mark);
        area.moveTo(mark.start());
        area.requestFollowCaret();
        area.showParagraphInViewport(at);
        area.requestFocus();
    }

    /** A mark over a line's code, from its first non-blank character to its end. */
    private EditorMark lineMark(EditorMark.Kind kind, int line, String message) {
        int from = area.getAbsolutePosition(line, 0);
        String text = area.getParagraph(line).getText();
        int indent = text.length() - text.stripLeading().length();
        return new EditorMark(kind, line, from + indent, from + text.length(), message);
    }

    /**
     * Where {@code source}, code that stood at {@code offset} when it ran, stands in the editor now:
     * there still, else its nearest copy; empty when the editor no longer holds it.
     */
    public OptionalInt locate(String source, int offset) {
        String text = area.getText();
        if (source.isEmpty()) {
            return OptionalInt.empty();
        }
        if (offset >= 0 && text.startsWith(source, offset)) {
            return OptionalInt.of(offset);
        }
        int after = text.indexOf(source, Math.max(0, offset));
        int before = offset <= 0 ? -1 : text.lastIndexOf(source, offset);
        if (after < 0 && before < 0) {
            return OptionalInt.empty();
        }
        if (after < 0 || (before >= 0 && offset - before <= after - offset)) {
            return OptionalInt.of(before);
        }
        return OptionalInt.of(after);
    }

    /** The editor line (from 0) of an offset. */
    public int lineOf(int offset) {
        return area.offsetToPosition(offset, TwoDimensional.Bias.Forward).getMajor();
    }

    /** The column (from 0) of an offset in its line. */
    public int columnOf(int offset) {
        return area.offsetToPosition(offset, TwoDimensional.Bias.Forward).getMinor();
    }

    /** What is marked in the editor now. */
    public ObservableList<EditorMark> marks() {
        return marks;
    }

    public CodeArea area() {
        return area;
    }

    public String getText() {
        return area.getText();
    }

    public void setText(String text) {
        area.replaceText(text == null ? "" : text);
        area.moveTo(0);
        area.getUndoManager().forgetHistory();
    }
}
