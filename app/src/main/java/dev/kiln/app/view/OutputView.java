package dev.kiln.app.view;

import dev.kiln.app.model.OutputLine;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The output of the selected worker ({@code #outputView}): a virtualized list over the
 * worker's capped line buffer (the PDFsam log view pattern), stderr in red, following the
 * tail only while the user is at the bottom; clear, copy and find above it. Its header names
 * the worker; a restart shows as a marker line between the old process's lines and the new one's.
 */
public final class OutputView extends BorderPane {
    private final ListView<OutputLine> list = new ListView<>();
    private final Label dropped = new Label();
    private final TextField find = new TextField();
    private final ListChangeListener<OutputLine> follow = this::onLines;
    private final ChangeListener<Number> droppedListener = (o, a, b) -> showDropped(b.longValue());
    private WorkerViewModel shown;

    public OutputView(WorkbenchViewModel workbench) {
        getStyleClass().add("output-pane");
        list.setId("outputView");
        list.getStyleClass().add("output-list");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(lv -> new LineCell());
        list.setPlaceholder(new Label("Output of the selected worker appears here"));
        list.setOnKeyPressed(e -> {
            if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e)) {
                copySelection();
            }
        });

        dropped.setId("outputDropped");
        dropped.getStyleClass().add("output-dropped");
        dropped.setVisible(false);
        dropped.managedProperty().bind(dropped.visibleProperty());

        find.setPromptText("Find");
        find.setPrefColumnCount(10);
        find.setOnAction(e -> findNext());
        Button clear = new Button("Clear");
        clear.setOnAction(e -> {
            if (shown != null) {
                shown.output().clear();
            }
        });
        Button copy = new Button("Copy");
        copy.setOnAction(e -> copySelection());
        for (Button b : new Button[] {clear, copy}) {
            b.getStyleClass().addAll("small", "flat");
        }
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        setTop(PaneHeader.ofWorker("Output", "outputTitle", workbench, dropped, grow, find, copy, clear));
        setCenter(list);

        workbench.selectedProperty().addListener((o, was, now) -> show(now));
        show(workbench.selected());
    }

    private void show(WorkerViewModel vm) {
        if (shown != null) {
            shown.output().lines().removeListener(follow);
            shown.output().droppedLines().removeListener(droppedListener);
        }
        shown = vm;
        if (vm == null) {
            list.setItems(FXCollections.observableArrayList());
            showDropped(0);
            return;
        }
        ObservableList<OutputLine> lines = vm.output().lines();
        lines.addListener(follow);
        vm.output().droppedLines().addListener(droppedListener);
        list.setItems(lines);
        showDropped(vm.output().droppedLines().get());
        scrollToEnd();
    }

    private void showDropped(long n) {
        dropped.setVisible(n > 0);
        dropped.setText(n + " earlier lines dropped (showing the last "
                + (shown == null ? 0 : shown.output().cap()) + ")");
    }

    /**
     * Follows the tail when the view showed the last line before this change (or a follow
     * scroll is still pending); a user who scrolled up stays where they are.
     */
    private void onLines(ListChangeListener.Change<? extends OutputLine> c) {
        int added = 0;
        int removed = 0;
        while (c.next()) {
            added += c.getAddedSize();
            removed += c.getRemovedSize();
        }
        int before = c.getList().size() - added + removed;
        if (scrollPending || showedLastLine(before)) {
            scrollToEnd();
        }
    }

    /** Whether the last line was on screen when the list had {@code size} lines (the flow is not laid out anew yet). */
    private boolean showedLastLine(int size) {
        VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
        if (flow == null || size == 0) {
            return true;
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        return last == null || last.getIndex() >= size - 2;
    }

    private void scrollToEnd() {
        // After the list's skin has seen the new lines (its listener may run after this one).
        if (!scrollPending) {
            scrollPending = true;
            javafx.application.Platform.runLater(() -> {
                scrollPending = false;
                int n = list.getItems().size();
                if (n > 0) {
                    list.scrollTo(n - 1);
                }
            });
        }
    }

    private boolean scrollPending;

    private void copySelection() {
        String text = list.getSelectionModel().getSelectedItems().stream()
                .map(OutputLine::text)
                .collect(Collectors.joining("\n"));
        if (text.isEmpty()) {
            text = list.getItems().stream().map(OutputLine::text).collect(Collectors.joining("\n"));
        }
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    private void findNext() {
        String q = find.getText().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return;
        }
        ObservableList<OutputLine> items = list.getItems();
        int from = list.getSelectionModel().getSelectedIndex() + 1;
        for (int k = 0; k < items.size(); k++) {
            int i = (from + k) % items.size();
            if (items.get(i).text().toLowerCase(Locale.ROOT).contains(q)) {
                list.getSelectionModel().clearAndSelect(i);
                list.scrollTo(Math.max(0, i - 3));
                return;
            }
        }
    }

    public ListView<OutputLine> list() {
        return list;
    }

    private static final class LineCell extends ListCell<OutputLine> {
        LineCell() {
            getStyleClass().add("output-line");
        }

        @Override
        protected void updateItem(OutputLine item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("stderr", "marker");
            if (empty || item == null) {
                setText(null);
                return;
            }
            setText(item.text());
            if (item.isError()) {
                getStyleClass().add("stderr");
            } else if (item.marker()) {
                getStyleClass().add("marker");
            }
        }
    }
}
