package dev.kiln.app.view;

import dev.kiln.HeapHistogramEntry;
import dev.kiln.app.model.HeapRow;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The heap of the selected worker by class ({@code #heapView}): the 100 classes whose live objects
 * take the most bytes, each with a bar for its share of the largest, and the change since the
 * previous Refresh of the same worker (a class that leaks grows from one to the next). A
 * histogram collects garbage first, so it is taken on Refresh only, never by itself.
 */
public final class HeapView extends InspectorView<List<HeapHistogramEntry>> {
    private final TableView<HeapRow> table = new TableView<>();
    private final ObservableList<HeapRow> rows = FXCollections.observableArrayList();
    private List<HeapHistogramEntry> previous;
    private WorkerViewModel previousOf;
    private boolean asked;

    public HeapView(WorkbenchViewModel workbench) {
        super(workbench, "heap histogram", "heapStatus");
        setId("heapView");
        table.setId("heapTable");
        table.setItems(rows);
        table.setPlaceholder(new Label("Refresh takes a histogram of the worker's heap (it collects garbage first)"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getStyleClass().add("dense");

        TableColumn<HeapRow, String> cls = new TableColumn<>("Class");
        cls.setCellValueFactory(
                r -> new ReadOnlyObjectWrapper<>(readable(r.getValue().className())));
        TableColumn<HeapRow, HeapRow> bytes = new TableColumn<>("Size");
        bytes.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(r.getValue()));
        bytes.setCellFactory(c -> new BarCell());
        TableColumn<HeapRow, String> count = new TableColumn<>("Count");
        count.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(
                String.format(Locale.ROOT, "%,d", r.getValue().instances())));
        TableColumn<HeapRow, String> change = new TableColumn<>("Δ");
        change.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(r.getValue().changeText()));
        // Shares of a narrow column: the class name takes what the figures leave.
        cls.setPrefWidth(110);
        bytes.setPrefWidth(65);
        count.setPrefWidth(60);
        change.setPrefWidth(70);
        for (TableColumn<HeapRow, ?> c : List.of(bytes, count, change)) {
            c.setMinWidth(50);
        }
        table.getColumns().addAll(List.of(cls, bytes, count, change));

        Button refresh = new Button("Refresh");
        refresh.setId("heapRefresh");
        refresh.setTooltip(new Tooltip("Take a histogram of the worker's live objects now (collects garbage first)"));
        refresh.setOnAction(e -> {
            asked = true;
            refresh();
        });
        refresh.getStyleClass().addAll("small", "flat");
        setTop(new VBox(bar(refresh), status));
        setCenter(table);
    }

    @Override
    boolean shouldAsk(WorkerViewModel vm) {
        if (!asked && rows.isEmpty()) {
            // Showing the tab or a state change is no reason to collect garbage in the worker.
            status.setText("Refresh takes a histogram of " + vm.name() + "'s heap");
        }
        return asked;
    }

    @Override
    CompletableFuture<List<HeapHistogramEntry>> ask(WorkerViewModel vm) {
        asked = false;
        return vm.worker().heapHistogram();
    }

    @Override
    String describe(WorkerViewModel vm, List<HeapHistogramEntry> h) {
        long total = h.stream().mapToLong(HeapHistogramEntry::bytes).sum();
        return "The " + h.size() + " largest classes of " + vm.name() + ": " + HeapRow.size(total)
                + (previous != null && previousOf == vm ? " · change since the previous Refresh" : "");
    }

    @Override
    void showAnswer(WorkerViewModel vm, List<HeapHistogramEntry> h) {
        rows.setAll(HeapRow.of(h, previousOf == vm ? previous : null));
        previous = h;
        previousOf = vm;
    }

    @Override
    void clear() {
        rows.clear();
    }

    /** The table's rows (for tests). */
    public List<HeapRow> rows() {
        return List.copyOf(rows);
    }

    /** {@code [B} as {@code byte[]}, {@code [Ljava.lang.String;} as {@code java.lang.String[]}. */
    static String readable(String jvmName) {
        int dims = 0;
        while (dims < jvmName.length() && jvmName.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return jvmName;
        }
        String rest = jvmName.substring(dims);
        String base = switch (rest) {
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            case "Z" -> "boolean";
            default -> rest.startsWith("L") && rest.endsWith(";") ? rest.substring(1, rest.length() - 1) : rest;
        };
        return base + "[]".repeat(dims);
    }

    /** The bytes as text over a bar as long as their share of the largest row. */
    private final class BarCell extends TableCell<HeapRow, HeapRow> {
        private final Region bar = new Region();
        private final Label text = new Label();
        private final StackPane box = new StackPane(bar, text);

        BarCell() {
            bar.getStyleClass().add("heap-bar");
            bar.setMaxHeight(Double.MAX_VALUE);
            StackPane.setAlignment(bar, Pos.CENTER_LEFT);
            StackPane.setAlignment(text, Pos.CENTER_LEFT);
            bar.setManaged(true);
            box.setMinWidth(0);
        }

        @Override
        protected void updateItem(HeapRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            long max = rows.isEmpty() ? 1 : Math.max(1, rows.get(0).bytes());
            text.setText(HeapRow.size(row.bytes()));
            bar.maxWidthProperty().bind(widthProperty().subtract(12).multiply((double) row.bytes() / max));
            setGraphic(box);
        }
    }
}
