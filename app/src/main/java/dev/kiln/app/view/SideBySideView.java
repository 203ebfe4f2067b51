package dev.kiln.app.view;

import dev.kiln.RemoteFrame;
import dev.kiln.app.command.Command;
import dev.kiln.app.model.ResultEntry;
import dev.kiln.app.model.SideBySide;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

/**
 * The results of several workers side by side ({@code #sideBySideView}), shown while several are
 * selected: a row per selected worker with its name, its JDK's version, the value (or error) of
 * the latest code run on several workers at once, and how long it took; each row fills in as its
 * worker answers. The selected row's result is shown in full under the table, as for one worker.
 */
final class SideBySideView {
    private final WorkbenchViewModel workbench;
    private final TableView<SideBySide.Row> table = new TableView<>();
    private final Label caption = new Label();
    private final ResultDetail detail;
    private final BorderPane pane = new BorderPane();

    SideBySideView(WorkbenchViewModel workbench, BiConsumer<ResultEntry, RemoteFrame> showFrame) {
        this.workbench = workbench;
        this.detail = new ResultDetail(showFrame);
        table.setId("sideBySideView");
        table.getStyleClass().add("side-by-side");
        table.setPlaceholder(new Label("Select several workers (Ctrl-click) to compare their results"));
        TableColumn<SideBySide.Row, String> worker =
                column("Worker", "sbsWorker", r -> constant(r.worker().name()));
        TableColumn<SideBySide.Row, String> jdk =
                column("JDK", "sbsJdk", r -> r.worker().javaVersionProperty());
        TableColumn<SideBySide.Row, String> value = column("Value", "sbsValue", SideBySideView::valueText);
        value.setCellFactory(c -> new ValueCell());
        TableColumn<SideBySide.Row, String> time = column("Time", "sbsTime", SideBySideView::timeText);
        // Names, versions and times stay whole (as in the results list); the value takes the rest.
        fixed(worker, 85);
        fixed(jdk, 72);
        fixed(time, 72);
        value.setMinWidth(60);
        value.prefWidthProperty()
                .bind(table.widthProperty()
                        .subtract(worker.widthProperty())
                        .subtract(jdk.widthProperty())
                        .subtract(time.widthProperty())
                        .subtract(4));
        table.getColumns().add(worker);
        table.getColumns().add(jdk);
        table.getColumns().add(value);
        table.getColumns().add(time);
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, now) -> detail.show(now == null ? null : now.entry()));

        caption.setId("sideBySideCaption");
        caption.getStyleClass().add("side-by-side-caption");
        caption.setMaxWidth(Double.MAX_VALUE);
        caption.setWrapText(true);
        SplitPane split = new SplitPane(table, detail.node());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        pane.setTop(caption);
        pane.setCenter(split);

        workbench.chosenWorkers().addListener((ListChangeListener<WorkerViewModel>) c -> refresh());
        workbench.sideBySideProperty().addListener((o, was, now) -> refresh());
        refresh();
    }

    BorderPane node() {
        return pane;
    }

    TableView<SideBySide.Row> table() {
        return table;
    }

    /** The selected row's run, or null (a worker that has not run the code yet, or no row selected). */
    ResultEntry selectedEntry() {
        SideBySide.Row r = table.getSelectionModel().getSelectedItem();
        return r == null ? null : r.entry();
    }

    ReadOnlyObjectProperty<SideBySide.Row> selectedRowProperty() {
        return table.getSelectionModel().selectedItemProperty();
    }

    /** A row per selected worker, with its run of the latest side-by-side code if it took part. */
    private void refresh() {
        SideBySide run = workbench.sideBySideProperty().get();
        List<SideBySide.Row> rows = new ArrayList<>();
        for (WorkerViewModel w : workbench.chosenWorkers()) {
            rows.add(new SideBySide.Row(w, run == null ? null : run.entryOf(w).orElse(null)));
        }
        WorkerViewModel keep = table.getSelectionModel().getSelectedItem() == null
                ? workbench.selected()
                : table.getSelectionModel().getSelectedItem().worker();
        table.getItems().setAll(rows);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).worker() == keep) {
                table.getSelectionModel().clearAndSelect(i);
            }
        }
        caption.setText(
                run == null
                        ? Command.RUN.labelWithShortcut() + " sends the editor's code to each of the " + rows.size()
                                + " selected workers; their results show here side by side"
                        : "Side by side: " + ResultsView.codeSummary(run.source()));
    }

    private static TableColumn<SideBySide.Row, String> column(
            String title, String id, Function<SideBySide.Row, ObservableValue<String>> value) {
        TableColumn<SideBySide.Row, String> c = new TableColumn<>(title);
        c.setId(id);
        c.setSortable(false);
        c.setCellValueFactory(f -> value.apply(f.getValue()));
        return c;
    }

    private static void fixed(TableColumn<?, ?> c, double width) {
        c.setMinWidth(width);
        c.setPrefWidth(width);
    }

    private static ObservableValue<String> constant(String s) {
        return Bindings.createStringBinding(() -> s);
    }

    /** The value's first line once the worker answered; what it waits for until then. */
    private static ObservableValue<String> valueText(SideBySide.Row r) {
        ResultEntry e = r.entry();
        if (e == null) {
            return constant("not run yet");
        }
        return Bindings.createStringBinding(
                () -> switch (e.status()) {
                    case QUEUED -> "queued…";
                    case RUNNING -> "running…";
                    default -> e.summary().isEmpty() ? "✓" : ResultsView.firstLine(e.summary());
                },
                e.statusProperty(),
                e.summaryProperty());
    }

    private static ObservableValue<String> timeText(SideBySide.Row r) {
        ResultEntry e = r.entry();
        if (e == null) {
            return constant("");
        }
        return Bindings.createStringBinding(
                () -> e.duration() == null ? "" : Format.duration(e.duration()), e.durationProperty());
    }

    /** The value, coloured as in the results list: an error red, a run still going greyed. */
    private static final class ValueCell extends TableCell<SideBySide.Row, String> {
        ValueCell() {
            getStyleClass().add("result-value");
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll(ResultsView.STATUS_CLASSES);
            SideBySide.Row row = getTableRow() == null ? null : getTableRow().getItem();
            if (empty || item == null || row == null) {
                setText(null);
                return;
            }
            setText(item);
            if (row.entry() != null) {
                getStyleClass().add("result-" + row.entry().status().name().toLowerCase(Locale.ROOT));
            }
        }
    }
}
