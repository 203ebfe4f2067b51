package dev.kiln.app.editor;

import dev.kiln.app.editor.Candidates.Candidate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import javafx.stage.Window;
import org.fxmisc.richtext.CodeArea;

/**
 * Completion's popup under the caret ({@code #completionPopup}): every candidate in a
 * virtualized list ({@code #completionList}), narrowed as the user keeps typing and closed when
 * nothing matches or the caret leaves the word; Up, Down, Page Up and Page Down choose, Enter or
 * Tab (or a click) inserts, Escape closes. It fits inside the window: below the caret, or above
 * when there is more room there.
 *
 * <p>Under the list, a line ({@code #completionSignature}) shows the signatures of the chosen
 * candidate, from the {@linkplain #setSignatureSource signature source}: it is asked about the
 * text with the candidate inserted, the cursor after it (as JShell's
 * {@code SourceCodeAnalysis.documentation} expects). Without a source, the line stays hidden.
 */
final class CompletionPopup {
    /** Rows shown at most; the list scrolls for more. */
    static final int MAX_ROWS = 12;

    private final CodeArea area;
    private final Popup popup = new Popup();
    private final ListView<Candidate> list = new ListView<>();
    private final Label signature = new Label();
    private final VBox box = new VBox(list, signature);
    private List<Candidate> all = List.of();
    private BiFunction<String, Integer, CompletableFuture<List<String>>> signatureSource;
    private long signatureGeneration;
    private boolean distinguishFitting;

    CompletionPopup(CodeArea area) {
        this.area = area;
        box.setId("completionPopup");
        box.getStyleClass().add("completion-popup");
        list.setId("completionList");
        list.getStyleClass().add("completion-list");
        list.setCellFactory(lv -> new CandidateCell());
        list.setFocusTraversable(false);
        signature.setId("completionSignature");
        signature.getStyleClass().add("completion-signature");
        signature.setWrapText(true);
        signature.setVisible(false);
        signature.managedProperty().bind(signature.visibleProperty());
        popup.getContent().add(box);
        popup.setAutoHide(true);
        popup.setHideOnEscape(false); // Escape is handled with the other keys, below
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> showSignature(now));
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && list.getSelectionModel().getSelectedItem() != null) {
                insert(list.getSelectionModel().getSelectedItem());
            }
        });

        area.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        area.caretPositionProperty().addListener((o, was, now) -> {
            if (isShowing()) {
                // After the text change that moved the caret has landed.
                Platform.runLater(this::narrow);
            }
        });
        area.focusedProperty().addListener((o, was, now) -> {
            Window window = area.getScene() == null ? null : area.getScene().getWindow();
            if (!now && window != null && window.isFocused()) {
                hide(); // focus went to another control of the window
            }
        });
    }

    /** Where signatures come from: (text, cursor after a name) → its signatures, one a line. */
    void setSignatureSource(BiFunction<String, Integer, CompletableFuture<List<String>>> source) {
        this.signatureSource = source;
    }

    boolean isShowing() {
        return popup.isShowing();
    }

    void hide() {
        popup.hide();
    }

    /** Offers {@code candidates} (each name once) for the text at the caret; one that alone fits is inserted. */
    void offer(List<Candidate> candidates) {
        all = candidates;
        List<Candidate> now = narrowed();
        if (now.isEmpty()) {
            hide();
            return;
        }
        if (now.size() == 1 && all.size() == 1) {
            insert(now.get(0));
            return;
        }
        show(now);
    }

    private List<Candidate> narrowed() {
        String text = area.getText();
        int caret = area.getCaretPosition();
        return Candidates.narrow(all, anchor -> Candidates.typed(text, anchor, caret));
    }

    private void narrow() {
        if (!isShowing()) {
            return;
        }
        List<Candidate> now = narrowed();
        if (now.isEmpty()) {
            hide();
        } else {
            show(now);
        }
    }

    private void show(List<Candidate> items) {
        Candidate chosen = list.getSelectionModel().getSelectedItem();
        ObservableList<Candidate> shown = FXCollections.observableArrayList(items);
        if (!shown.equals(list.getItems())) {
            list.setItems(shown);
            int keep = chosen == null ? -1 : items.indexOf(chosen);
            list.getSelectionModel().select(Math.max(0, keep));
            list.scrollTo(Math.max(0, keep));
            // Bold marks the names that fit the expected type, when that tells some apart.
            long fitting = items.stream().filter(Candidate::matchesType).count();
            distinguishFitting = fitting > 0 && fitting < items.size();
        }
        place();
    }

    /** Places the popup under (or over) the caret, sized to its rows and the window. */
    private void place() {
        Optional<Bounds> caret = area.getCaretBounds();
        Window window = area.getScene() == null ? null : area.getScene().getWindow();
        if (caret.isEmpty() || window == null) {
            hide();
            return;
        }
        // The popup looks like the editor's window: its stylesheets, and its root's style (the zoom).
        box.getStylesheets().setAll(area.getScene().getStylesheets());
        popup.getScene().getRoot().setStyle(area.getScene().getRoot().getStyle());
        box.applyCss();
        Rectangle2D room = new Rectangle2D(window.getX(), window.getY(), window.getWidth(), window.getHeight());
        place(caret.get(), room, list.getItems().size());
    }

    /** Sizes the list to its rows, at most what fits in the window below or above the caret, and shows it there. */
    private void place(Bounds caret, Rectangle2D window, int rows) {
        double row = list.getFixedCellSize() > 0 ? list.getFixedCellSize() : 24;
        double chrome = 4;
        double below = window.getMaxY() - caret.getMaxY() - 8;
        double above = caret.getMinY() - window.getMinY() - 8;
        boolean down = below >= above || below >= Math.min(rows, MAX_ROWS) * row + chrome;
        double room = Math.max(row + chrome, down ? below : above);
        double extra = signature.isVisible() ? signature.prefHeight(list.getPrefWidth()) : 0;
        double height = Math.min(Math.min(rows, MAX_ROWS) * row + chrome, room - extra);
        list.setPrefHeight(Math.max(row + chrome, height));
        list.setMaxHeight(list.getPrefHeight());
        double width = Math.min(list.getPrefWidth(), window.getWidth() - 16);
        box.setPrefWidth(width);
        box.setMaxWidth(width);
        double x = Math.max(window.getMinX(), Math.min(caret.getMinX(), window.getMaxX() - width - 8));
        double boxHeight = list.getPrefHeight() + extra;
        double y = down ? caret.getMaxY() : caret.getMinY() - boxHeight;
        if (popup.isShowing()) {
            popup.setX(x);
            popup.setY(y);
            popup.sizeToScene();
        } else {
            popup.show(area, x, y);
        }
    }

    private void onKey(KeyEvent e) {
        if (!isShowing()) {
            return;
        }
        int i = list.getSelectionModel().getSelectedIndex();
        int n = list.getItems().size();
        int page = Math.max(1, (int) (list.getHeight() / Math.max(1, list.getFixedCellSize())) - 1);
        switch (e.getCode()) {
            case UP -> choose(Math.max(0, i - 1));
            case DOWN -> choose(Math.min(n - 1, i + 1));
            case PAGE_UP -> choose(Math.max(0, i - page));
            case PAGE_DOWN -> choose(Math.min(n - 1, i + page));
            case ENTER, TAB -> {
                if (e.isShortcutDown() || e.isAltDown()) {
                    return; // Ctrl+Enter is Run: not the popup's
                }
                Candidate c = list.getSelectionModel().getSelectedItem();
                if (c != null) {
                    insert(c);
                }
            }
            case ESCAPE -> hide();
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void choose(int index) {
        list.getSelectionModel().select(index);
        list.scrollTo(Math.max(0, index - 2));
    }

    /** Replaces the text from the candidate's anchor to the caret (all the user typed since) with the name. */
    private void insert(Candidate c) {
        int caret = area.getCaretPosition();
        int anchor = Math.max(0, Math.min(c.anchor(), caret));
        hide();
        area.replaceText(anchor, caret, c.text());
        area.moveTo(anchor + c.text().length());
        area.requestFocus();
    }

    private void showSignature(Candidate c) {
        long generation = ++signatureGeneration;
        BiFunction<String, Integer, CompletableFuture<List<String>>> source = signatureSource;
        if (c == null || source == null) {
            signature.setVisible(false);
            return;
        }
        String text = area.getText();
        int anchor = Math.max(0, Math.min(c.anchor(), text.length()));
        String withName = text.substring(0, anchor) + c.text();
        source.apply(withName, withName.length())
                .whenComplete((lines, err) -> Platform.runLater(() -> {
                    // A late answer for a candidate no longer chosen is dropped.
                    if (generation != signatureGeneration || !isShowing()) {
                        return;
                    }
                    boolean any = err == null && lines != null && !lines.isEmpty();
                    signature.setText(any ? String.join("\n", lines) : "");
                    signature.setVisible(any);
                    place();
                }));
    }

    private final class CandidateCell extends ListCell<Candidate> {
        CandidateCell() {
            getStyleClass().add("completion-cell");
        }

        @Override
        protected void updateItem(Candidate item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove("completion-match");
            if (empty || item == null) {
                setText(null);
                return;
            }
            setText(item.text());
            if (item.matchesType() && distinguishFitting) {
                getStyleClass().add("completion-match");
            }
        }
    }
}
