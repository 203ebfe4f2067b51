package dev.kiln.app.view;

import dev.kiln.app.model.ResultEntry;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The results history of the selected worker ({@code #resultsView}): each run's code, its
 * value as jshell shows it or its error in red (full text when selected), and its duration.
 * Clicking a run puts its code back into the editor.
 */
public final class ResultsView extends BorderPane {
    private static final List<String> STATUS_CLASSES =
            List.of("result-queued", "result-running", "result-ok", "result-error", "result-interrupted");

    private final ListView<ResultEntry> list = new ListView<>();
    private final ListChangeListener<ResultEntry> follow = c -> {
        while (c.next()) {
            if (c.wasAdded()) {
                list.scrollTo(c.getList().size() - 1);
            }
        }
    };
    private WorkerViewModel shown;

    public ResultsView(WorkbenchViewModel workbench, Consumer<ResultEntry> reuse) {
        list.setId("resultsView");
        list.getStyleClass().add("results-list");
        list.setPlaceholder(new Label("Results of the selected worker appear here (Ctrl+Enter runs the editor)"));
        list.setCellFactory(lv -> new EntryCell(reuse));
        setTop(PaneHeader.of("Results"));
        setCenter(list);
        workbench.selectedProperty().addListener((o, was, now) -> show(now));
        show(workbench.selected());
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
        vm.results().addListener(follow);
        list.setItems(vm.results());
        if (!vm.results().isEmpty()) {
            list.scrollTo(vm.results().size() - 1);
        }
    }

    public ListView<ResultEntry> list() {
        return list;
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

    private static final class EntryCell extends ListCell<ResultEntry> {
        private final Label code = new Label();
        private final Label value = new Label();
        private final Label duration = new Label();
        private final Label detail = new Label();
        private final VBox box;
        private final InvalidationListener refresh = this::refresh;
        private ResultEntry bound;

        EntryCell(Consumer<ResultEntry> reuse) {
            getStyleClass().add("result-cell");
            setPrefWidth(0); // fit the list's width: no horizontal scrolling, the duration stays visible
            code.getStyleClass().add("result-code");
            value.getStyleClass().add("result-value");
            duration.getStyleClass().add("result-duration");
            detail.getStyleClass().add("result-detail");
            detail.setWrapText(true);
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            HBox line = new HBox(8, value, grow, duration);
            line.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(2, code, line, detail);
            detail.managedProperty().bind(detail.visibleProperty());
            selectedProperty().addListener((o, a, b) -> refresh(null));
            setOnMouseClicked(e -> {
                if (getItem() != null && e.getClickCount() == 1) {
                    reuse.accept(getItem());
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
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                setTooltip(null);
                return;
            }
            bound = item;
            item.statusProperty().addListener(refresh);
            refresh(null);
            setText(null);
            setGraphic(box);
        }

        private void refresh(Observable ignored) {
            ResultEntry e = getItem();
            if (e == null) {
                return;
            }
            code.setText(codeSummary(e.source()));
            ResultEntry.Status s = e.status();
            value.getStyleClass().removeAll(STATUS_CLASSES);
            value.getStyleClass().add("result-" + s.name().toLowerCase(java.util.Locale.ROOT));
            switch (s) {
                case QUEUED -> value.setText("queued…");
                case RUNNING -> value.setText("running…");
                default -> value.setText(e.summary().isEmpty() ? "✓" : e.summary());
            }
            duration.setText(e.duration() == null ? "" : Format.duration(e.duration()));
            boolean showDetail =
                    isSelected() && s == ResultEntry.Status.ERROR && !e.detail().equals(e.summary());
            detail.setText(showDetail ? e.detail() : "");
            detail.setVisible(showDetail);
            setTooltip(s == ResultEntry.Status.ERROR ? new Tooltip(e.detail()) : null);
        }
    }
}
