package dev.kiln.app.view;

import dev.kiln.app.model.OutputSearch;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The find bar over the output ({@code #findBar}), as a browser's: a field ({@code #findField})
 * that searches as one types, where the current match is ({@code #findCount}: "3 of 12", "not
 * found"), next and previous (Enter and Shift+Enter in the field, or its buttons), and Escape or
 * ✕ to close it. Hidden until opened.
 */
final class FindBar extends HBox {
    private final TextField field = new TextField();
    private final Label count = new Label();
    private final OutputSearch search;
    private final IntSupplier firstLineShown;
    private final Consumer<OutputSearch.Match> reveal;
    private final Runnable closed;

    /**
     * @param firstLineShown the index of the first line on screen: a new search starts there
     * @param reveal         scrolls a match into view
     * @param closed         runs when the bar closes (the focus goes back to the output)
     */
    FindBar(OutputSearch search, IntSupplier firstLineShown, Consumer<OutputSearch.Match> reveal, Runnable closed) {
        super(6);
        this.search = search;
        this.firstLineShown = firstLineShown;
        this.reveal = reveal;
        this.closed = closed;
        setId("findBar");
        getStyleClass().add("find-bar");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(3, 6, 3, 6));

        field.setId("findField");
        field.setPromptText("Find in output");
        field.setPrefColumnCount(16);
        field.setMinWidth(60);
        HBox.setHgrow(field, Priority.ALWAYS);
        field.setMaxWidth(400);
        field.textProperty().addListener((o, was, now) -> {
            search.find(now, firstLineShown.getAsInt());
            revealCurrent();
        });
        field.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                step(!e.isShiftDown());
            } else if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                close();
            }
        });

        count.setId("findCount");
        count.getStyleClass().add("find-count");
        count.setMinWidth(Region.USE_PREF_SIZE);
        count.textProperty().bind(search.statusProperty());
        search.statusProperty().addListener((o, was, now) -> {
            count.getStyleClass().remove("not-found");
            if ("not found".equals(now)) {
                count.getStyleClass().add("not-found");
            }
        });

        Button previous = button("findPrevious", "▲", "Previous match (Shift+Enter)", () -> step(false));
        Button next = button("findNext", "▼", "Next match (Enter)", () -> step(true));
        Button close = button("findClose", "✕", "Close the find bar (Escape)", this::close);
        getChildren().addAll(field, count, previous, next, close);
        setVisible(false);
        managedProperty().bind(visibleProperty());
    }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().addAll("small", "flat");
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    /** Opens the bar (or, open already, selects its text) with the keyboard in its field. */
    void open() {
        boolean wasOpen = isVisible();
        setVisible(true);
        field.requestFocus();
        field.selectAll();
        if (!wasOpen) {
            search.find(field.getText(), firstLineShown.getAsInt());
            revealCurrent();
        }
    }

    /** Closes the bar: no more highlights. */
    void close() {
        if (!isVisible()) {
            return;
        }
        setVisible(false);
        search.find("", 0);
        closed.run();
    }

    boolean isOpen() {
        return isVisible();
    }

    private void step(boolean forward) {
        OutputSearch.Match m = forward ? search.next() : search.previous();
        if (m != null) {
            reveal.accept(m);
        }
    }

    private void revealCurrent() {
        OutputSearch.Match m = search.currentProperty().get();
        if (m != null) {
            reveal.accept(m);
        }
    }
}
