package dev.kiln.app.view;

import dev.kiln.SnippetVariable;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;

/**
 * The variables the selected worker's snippets declared ({@code #variablesView}): name, type and
 * value as jshell's {@code /vars} shows them, asked again each time a run ends (and while one runs,
 * on Refresh: the worker answers while busy). Double-click or Enter puts a variable's name into the
 * editor at the caret.
 */
public final class VariablesView extends InspectorView<List<SnippetVariable>> {
    private final TableView<SnippetVariable> table = new TableView<>();
    private final ObservableList<SnippetVariable> rows = FXCollections.observableArrayList();

    /** @param insertName puts a name into the editor at its caret */
    public VariablesView(WorkbenchViewModel workbench, Consumer<String> insertName) {
        super(workbench, "variables", "variablesStatus");
        setId("variablesView");
        table.setId("variablesTable");
        table.setItems(rows);
        table.setPlaceholder(new Label("Variables your snippets declare show here (int x = 42;)"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getStyleClass().add("dense");
        TableColumn<SnippetVariable, String> name = new TableColumn<>("Name");
        name.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(r.getValue().name()));
        TableColumn<SnippetVariable, String> type = new TableColumn<>("Type");
        type.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(r.getValue().typeName()));
        TableColumn<SnippetVariable, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(r.getValue().valueText()));
        name.setPrefWidth(60);
        type.setPrefWidth(70);
        value.setPrefWidth(150);
        table.getColumns().addAll(List.of(name, type, value));
        table.setRowFactory(t -> {
            TableRow<SnippetVariable> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (!row.isEmpty() && e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                    insertName.accept(row.getItem().name());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            SnippetVariable v = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && v != null) {
                e.consume();
                insertName.accept(v.name());
            }
        });

        Button refresh = new Button("Refresh");
        refresh.setId("variablesRefresh");
        refresh.setTooltip(new Tooltip("Read the variables' values now (also while code runs)"));
        refresh.setOnAction(e -> refresh());
        refresh.getStyleClass().addAll("small", "flat");
        setTop(new VBox(bar(refresh), status));
        setCenter(table);
    }

    @Override
    CompletableFuture<List<SnippetVariable>> ask(WorkerViewModel vm) {
        return vm.worker().variables();
    }

    @Override
    String describe(WorkerViewModel vm, List<SnippetVariable> vars) {
        return vars.size() + (vars.size() == 1 ? " variable" : " variables") + " in " + vm.name();
    }

    @Override
    void showAnswer(WorkerViewModel vm, List<SnippetVariable> vars) {
        rows.setAll(vars);
    }

    @Override
    void clear() {
        rows.clear();
    }

    /** The rows shown (for tests). */
    public List<SnippetVariable> rows() {
        return List.copyOf(rows);
    }
}
