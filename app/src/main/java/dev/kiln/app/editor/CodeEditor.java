package dev.kiln.app.editor;

import dev.kiln.Completion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
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

/**
 * The code editor: a RichTextFX {@link CodeArea} with Java highlighting computed off the FX
 * thread (stale results dropped), line numbers, compile-error markers in the gutter and
 * underlined in the text (message on hover), and completion on Ctrl+Space. Its text and line
 * numbers follow the window's font size (the zoom).
 */
public final class CodeEditor extends StackPane {
    /**
     * Completion's key, taken by the editor alone (no workbench command may use it): Ctrl+Space on
     * every OS, as IntelliJ has it. Not Shortcut+Space, which on macOS is ⌘Space, Spotlight's.
     */
    public static final KeyCombination COMPLETE = new KeyCodeCombination(KeyCode.SPACE, KeyCombination.CONTROL_DOWN);

    private final CodeArea area = new CodeArea();
    private final Executor background;
    private final ObservableList<EditorError> errors = FXCollections.observableArrayList();
    private final Popup hoverPopup = new Popup();
    private final Label hoverLabel = new Label();
    private final CompletionPopup completion = new CompletionPopup(area);
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
        errors.addListener((javafx.collections.ListChangeListener<EditorError>) c -> {
            area.setParagraphGraphicFactory(line -> gutter(line, numbers.apply(line)));
            applyStyles();
        });

        area.multiPlainChanges().successionEnds(java.time.Duration.ofMillis(80)).subscribe(ignore -> rehighlight());
        area.plainTextChanges().filter(ch -> !ch.isIdentity()).subscribe(ch -> {
            if (!errors.isEmpty()) {
                errors.clear(); // positions are stale once the text changes
            }
        });
        hoverLabel.getStyleClass().add("error-popup");
        hoverPopup.getContent().add(hoverLabel);
        area.setMouseOverTextDelay(java.time.Duration.ofMillis(400));
        area.addEventHandler(
                MouseOverTextEvent.MOUSE_OVER_TEXT_BEGIN,
                e -> errorAt(e.getCharacterIndex()).ifPresent(err -> {
                    hoverLabel.setText(err.message());
                    hoverPopup.show(
                            area,
                            e.getScreenPosition().getX(),
                            e.getScreenPosition().getY() + 12);
                }));
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_END, e -> hoverPopup.hide());

        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (COMPLETE.match(e)) {
                e.consume();
                complete();
            }
        });
        getChildren().add(new VirtualizedScrollPane<>(area));
    }

    private Node gutter(int line, Node number) {
        Region marker = new Region();
        marker.getStyleClass().add("error-marker");
        List<String> messages = new ArrayList<>();
        for (EditorError e : errors) {
            if (e.line() == line) {
                messages.add(e.message());
            }
        }
        marker.setVisible(!messages.isEmpty());
        if (!messages.isEmpty()) {
            marker.getStyleClass().add("error-marker-on");
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
        if (!errors.isEmpty()) {
            StyleSpansBuilder<Collection<String>> eb = new StyleSpansBuilder<>();
            int pos = 0;
            List<EditorError> sorted = new ArrayList<>(errors);
            sorted.sort((a, b) -> Integer.compare(a.start(), b.start()));
            for (EditorError err : sorted) {
                int s = Math.max(pos, Math.min(err.start(), len));
                int end = Math.max(s, Math.min(err.end(), len));
                eb.add(Collections.emptyList(), s - pos);
                eb.add(List.of("compile-error"), end - s);
                pos = end;
            }
            eb.add(Collections.emptyList(), len - pos);
            base = base.overlay(eb.create(), (a, b) -> {
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

    private Optional<EditorError> errorAt(int index) {
        return errors.stream()
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
        completion.setSignatureSource(source);
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
                    completion.offer(Candidates.distinct(list));
                }));
    }

    /** Whether the completion popup is showing. */
    public boolean isCompleting() {
        return completion.isShowing();
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
        List<EditorError> out = new ArrayList<>();
        int len = area.getLength();
        for (var d : diags) {
            int start = Math.min(len, Math.max(0, offset + d.startOffset()));
            int end = Math.min(len, Math.max(start, offset + d.endOffset()));
            if (end == start && end < len) {
                end++;
            }
            int line = area.offsetToPosition(start, org.fxmisc.richtext.model.TwoDimensional.Bias.Forward)
                    .getMajor();
            out.add(new EditorError(line, start, end, d.message()));
        }
        errors.setAll(out);
    }

    public ObservableList<EditorError> errors() {
        return errors;
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
