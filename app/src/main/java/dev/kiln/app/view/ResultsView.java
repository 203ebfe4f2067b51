package dev.kiln.app.view;

import dev.kiln.RemoteFrame;
import dev.kiln.app.model.ResultEntry;
import dev.kiln.app.model.SideBySide;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The results history of the selected worker ({@code #resultsView}): each run's code, the first
 * line of its value or error, and its duration (never cut short). The selected run, the newest
 * unless the user picks another, is shown in full under the list ({@link ResultDetail},
 * {@code #resultDetail}): the whole value, or the error with every compiler message or the worker's
 * stack trace, whose frames of the run's code lead to their editor lines; selectable and copyable
 * (Copy, or Ctrl+C on the list). Double-click, Enter or Insert hands a run's code to the workbench,
 * which inserts it at the editor's caret. While several workers are selected, their results show
 * side by side instead ({@link SideBySideView}, {@code #sideBySideView}).
 */
public final class ResultsView extends BorderPane {
    static final List<String> STATUS_CLASSES =
            List.of("result-queued", "result-running", "result-ok", "result-error", "result-interrupted");
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private final ListView<ResultEntry> list = new ListView<>();
    private final ResultDetail detail;
    private final SideBySideView sideBySide;
    private final SplitPane single;
    private final WorkbenchViewModel workbench;
    private final Consumer<ResultEntry> recall;
    private final ListChangeListener<ResultEntry> follow = c -> {
        while (c.next()) {
            if (c.wasAdded()) {
                showNewest();
            }
        }
    };
    private WorkerViewModel shown;

    /**
     * @param recall    puts a run's code back in the editor
     * @param showFrame shows the editor line of a frame of a run's stack trace
     */
    public ResultsView(
            WorkbenchViewModel workbench,
            Consumer<ResultEntry> recall,
            BiConsumer<ResultEntry, RemoteFrame> showFrame) {
        this.recall = recall;
        this.workbench = workbench;
        this.detail = new ResultDetail(showFrame);
        this.sideBySide = new SideBySideView(workbench, showFrame);
        list.setId("resultsView");
        list.getStyleClass().add("results-list");
        list.setPlaceholder(new Label("Results of the selected worker appear here (Ctrl+Enter runs the editor)"));
        list.setCellFactory(lv -> new EntryCell(this::recall));
        list.setOnKeyPressed(e -> {
            if (COPY.match(e)) {
                e.consume();
                copy();
            } else if (e.getCode() == KeyCode.ENTER && !e.isShortcutDown() && !e.isShiftDown() && !e.isAltDown()) {
                e.consume();
                recall(list.getSelectionModel().getSelectedItem());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> detail.show(now));

        Button insert = new Button("Insert");
        insert.setId("recallResultButton");
        insert.setTooltip(
                new Tooltip(
                        "Insert the selected run's code at the editor's caret (also: double-click, Enter); Ctrl+Z takes it back"));
        insert.setOnAction(e -> recall(selectedEntry()));
        Button copy = new Button("Copy");
        copy.setId("copyResultButton");
        copy.setTooltip(new Tooltip("Copy the selected result in full (also: Ctrl+C on the list)"));
        copy.setOnAction(e -> copy());
        // Insert and Copy act on the run selected in what is shown: the list, or the side-by-side table.
        BooleanBinding nothingSelected = Bindings.createBooleanBinding(
                () -> selectedEntry() == null,
                list.getSelectionModel().selectedItemProperty(),
                sideBySide.selectedRowProperty(),
                workbench.chosenWorkers());
        for (Button b : new Button[] {insert, copy}) {
            b.getStyleClass().addAll("small", "flat");
            b.disableProperty().bind(nothingSelected);
        }
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        setTop(PaneHeader.ofWorkers("Results", "resultsTitle", workbench, grow, insert, copy));

        single = new SplitPane(list, detail.node());
        single.setOrientation(Orientation.VERTICAL);
        single.setDividerPositions(0.6);
        setCenter(single);
        workbench.selectedProperty().addListener((o, was, now) -> show(now));
        workbench.chosenWorkers().addListener((ListChangeListener<WorkerViewModel>) c -> showSideBySide());
        show(workbench.selected());
        showSideBySide();
    }

    /** Several workers selected: their results side by side; one: its history. */
    private void showSideBySide() {
        boolean several = workbench.chosenWorkers().size() > 1;
        javafx.scene.Node want = several ? sideBySide.node() : single;
        if (getCenter() != want) {
            setCenter(want);
        }
    }

    /** The run selected in what is shown, or null. */
    private ResultEntry selectedEntry() {
        return workbench.chosenWorkers().size() > 1
                ? sideBySide.selectedEntry()
                : list.getSelectionModel().getSelectedItem();
    }

    private void show(WorkerViewModel vm) {
        if (shown != null) {
            shown.results().removeListener(follow);
        }
        shown = vm;
        if (vm == null) {
            list.setItems(FXCollections.observableArrayList());
            return;
        }
        list.setItems(vm.results());
        // After setItems: the selection model has seen each change by the time this listener runs.
        vm.results().addListener(follow);
        showNewest();
    }

    /** Selects and shows the newest entry: what the user just ran. */
    private void showNewest() {
        int n = list.getItems().size();
        if (n > 0) {
            list.getSelectionModel().clearAndSelect(n - 1);
            list.scrollTo(n - 1);
        }
    }

    /** What the detail area shows for an entry: its full text once done, else what it waits for. */
    static String detailText(ResultEntry e) {
        if (e == null) {
            return "";
        }
        return switch (e.status()) {
            case QUEUED -> "Queued: runs when the runs before it are done.";
            case RUNNING -> "Running… (Interrupt stops it; the worker lives on.)";
            default -> e.detail().isEmpty() ? "✓ done (no value)" : e.detail();
        };
    }

    private void recall(ResultEntry e) {
        if (e != null && !e.isMarker()) {
            recall.accept(e);
        }
    }

    private void copy() {
        ResultEntry e = selectedEntry();
        if (e != null) {
            ClipboardContent c = new ClipboardContent();
            c.putString(detailText(e));
            Clipboard.getSystemClipboard().setContent(c);
        }
    }

    public ListView<ResultEntry> list() {
        return list;
    }

    /** The side-by-side table shown while several workers are selected. */
    public TableView<SideBySide.Row> sideBySideTable() {
        return sideBySide.table();
    }

    /** The code as one short line: comments and blank lines left out, lines joined with ⏎. */
    static String codeSummary(String source) {
        List<String> lines = source.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("//"))
                .toList();
        String joined = String.join("  ⏎  ", lines);
        return joined.length() > 120 ? joined.substring(0, 119) + "…" : joined;
    }

    /** The first line of a text, with "…" when more follows (the rest is in the detail area). */
    static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl).stripTrailing() + " …";
    }

    private static final class EntryCell extends ListCell<ResultEntry> {
        private final Label code = new Label();
        private final Label value = new Label();
        private final Label duration = new Label();
        private final Label marker = new Label();
        private final ImageThumbnail thumbnail = new ImageThumbnail();
        private final VBox box;
        private final InvalidationListener refresh = this::refresh;
        private ResultEntry bound;

        EntryCell(Consumer<ResultEntry> recall) {
            getStyleClass().add("result-cell");
            setPrefWidth(0); // fit the list's width: no horizontal scrolling
            code.getStyleClass().add("result-code");
            value.getStyleClass().add("result-value");
            duration.getStyleClass().add("result-duration");
            marker.getStyleClass().add("result-marker");
            marker.setMaxWidth(Double.MAX_VALUE);
            marker.setAlignment(Pos.CENTER);
            // The value gives way when the list is narrow; the duration never does.
            duration.setMinWidth(Region.USE_PREF_SIZE);
            value.setMinWidth(0);
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            HBox line = new HBox(8, thumbnail.node(), value, grow, duration);
            line.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(2, code, line);
            setOnMouseClicked(e -> {
                if (getItem() != null && e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                    recall.accept(getItem());
                }
            });
        }

        @Override
        protected void updateItem(ResultEntry item, boolean empty) {
            super.updateItem(item, empty);
            if (bound != null) {
                bound.statusProperty().removeListener(refresh);
                bound = null;
            }
            getStyleClass().remove("marker");
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            if (item.isMarker()) {
                getStyleClass().add("marker");
                marker.setText(item.summary());
                setGraphic(marker);
                return;
            }
            bound = item;
            item.statusProperty().addListener(refresh);
            refresh(null);
            setGraphic(box);
        }

        private void refresh(Observable ignored) {
            ResultEntry e = getItem();
            if (e == null || e.isMarker()) {
                return;
            }
            code.setText(codeSummary(e.source()));
            ResultEntry.Status s = e.status();
            value.getStyleClass().removeAll(STATUS_CLASSES);
            value.getStyleClass().add("result-" + s.name().toLowerCase(Locale.ROOT));
            switch (s) {
                case QUEUED -> value.setText("queued…");
                case RUNNING -> value.setText("running…");
                default -> value.setText(e.summary().isEmpty() ? "✓" : firstLine(e.summary()));
            }
            duration.setText(e.duration() == null ? "" : Format.duration(e.duration()));
            thumbnail.show(e.image());
        }
    }
}
