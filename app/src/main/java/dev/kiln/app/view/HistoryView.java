package dev.kiln.app.view;

import dev.kiln.HistoryEntry;
import dev.kiln.app.model.Background;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Every evaluation of the selected worker, in order, with its outcome ({@code #historyView}), kept
 * after the worker exits. Export .jsh saves the snippets that succeeded as a script the JDK's
 * {@code jshell} tool runs; Restart and replay starts the worker afresh and runs them again, in
 * order, each as a run of its own in Results and Output.
 */
public final class HistoryView extends InspectorView<List<HistoryEntry>> {
    private final ListView<HistoryEntry> list = new ListView<>();
    private final ObservableList<HistoryEntry> entries = FXCollections.observableArrayList();
    private final WorkbenchViewModel workbench;
    private final Supplier<FilePicker> files;

    /** @param files where Export asks for a file (the OS's dialog in the app) */
    public HistoryView(WorkbenchViewModel workbench, Supplier<FilePicker> files) {
        super(workbench, "history", "historyStatus");
        this.workbench = workbench;
        this.files = files;
        setId("historyView");
        list.setId("historyList");
        list.setItems(entries);
        list.setPlaceholder(new Label("Each evaluation of the selected worker shows here, with its outcome"));
        list.setCellFactory(l -> new EntryCell());

        Button export = new Button("Export .jsh…");
        export.setId("historyExport");
        export.setTooltip(new Tooltip("Save the snippets that succeeded, in order, as a script for the jshell tool"));
        export.setOnAction(e -> export());
        Button replay = new Button("Restart and replay");
        replay.setId("historyReplay");
        replay.setTooltip(new Tooltip("Start the worker afresh, then run again what succeeded, in order"));
        replay.setOnAction(e -> restartAndReplay());
        for (Button b : List.of(export, replay)) {
            b.getStyleClass().addAll("small", "flat");
            b.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(entries));
        }
        setTop(new VBox(bar(export, replay), status));
        setCenter(list);
    }

    @Override
    boolean needsRunningWorker() {
        return false;
    }

    @Override
    CompletableFuture<List<HistoryEntry>> ask(WorkerViewModel vm) {
        return CompletableFuture.supplyAsync(() -> vm.worker().history(), Background.POOL);
    }

    @Override
    String describe(WorkerViewModel vm, List<HistoryEntry> h) {
        long ok = h.stream()
                .filter(e -> e.outcome() == HistoryEntry.Outcome.SUCCESS)
                .count();
        return h.size() + (h.size() == 1 ? " evaluation" : " evaluations") + " in " + vm.name() + ", " + ok
                + " succeeded";
    }

    @Override
    void showAnswer(WorkerViewModel vm, List<HistoryEntry> h) {
        entries.setAll(h);
        if (!h.isEmpty()) {
            list.scrollTo(h.size() - 1);
        }
    }

    @Override
    void clear() {
        entries.clear();
    }

    /** The entries shown (for tests). */
    public List<HistoryEntry> entries() {
        return List.copyOf(entries);
    }

    private void export() {
        WorkerViewModel vm = shown();
        if (vm == null) {
            return;
        }
        Optional<Path> to = files.get().saveAs(getScene().getWindow(), Optional.of(Path.of(vm.name() + ".jsh")));
        if (to.isEmpty()) {
            return;
        }
        Path file = to.get();
        CompletableFuture.runAsync(
                        () -> {
                            try {
                                Files.writeString(file, vm.worker().historyAsJsh());
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        },
                        Background.POOL)
                .whenComplete((v, err) -> Platform.runLater(() -> {
                    if (err == null) {
                        workbench.inform("Saved the history of " + vm.name() + " as " + file + ": jshell "
                                + file.getFileName() + " runs it");
                    } else {
                        Throwable e = err.getCause() != null ? err.getCause() : err;
                        workbench.say("Could not save the history as " + file + ": " + e.getMessage()
                                + ". Choose another folder.");
                    }
                }));
    }

    private void restartAndReplay() {
        WorkerViewModel vm = shown();
        if (vm == null) {
            return;
        }
        if (vm.isBusy()) {
            workbench.say(vm.name() + " is running code: interrupt it first, then Restart and replay");
            return;
        }
        List<String> sources = vm.worker().history().stream()
                .filter(e -> e.outcome() == HistoryEntry.Outcome.SUCCESS)
                .map(HistoryEntry::source)
                .toList();
        workbench
                .restart(vm)
                .thenAccept(fresh -> Platform.runLater(() -> {
                    for (String s : sources) {
                        fresh.run(s);
                    }
                    workbench.inform("Restarted " + fresh.name() + " and replaying " + sources.size()
                            + (sources.size() == 1 ? " snippet" : " snippets") + " of its history");
                }));
    }

    private static final class EntryCell extends ListCell<HistoryEntry> {
        private final Label code = new Label();
        private final Label outcome = new Label();
        private final Label took = new Label();
        private final VBox box;

        EntryCell() {
            getStyleClass().add("history-cell");
            setPrefWidth(0);
            code.getStyleClass().add("result-code");
            took.getStyleClass().add("result-duration");
            took.setMinWidth(Region.USE_PREF_SIZE);
            outcome.setMinWidth(0);
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            HBox line = new HBox(8, outcome, grow, took);
            line.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(2, code, line);
        }

        @Override
        protected void updateItem(HistoryEntry e, boolean empty) {
            super.updateItem(e, empty);
            setText(null);
            if (empty || e == null) {
                setGraphic(null);
                return;
            }
            code.setText(ResultsView.codeSummary(e.source()));
            outcome.getStyleClass().removeAll("result-ok", "result-error", "result-interrupted");
            outcome.getStyleClass()
                    .add(
                            switch (e.outcome()) {
                                case SUCCESS -> "result-ok";
                                case ERROR -> "result-error";
                                case INTERRUPTED -> "result-interrupted";
                            });
            String text = e.text().isEmpty() ? "✓" : ResultsView.firstLine(e.text());
            outcome.setText(e.outcome() == HistoryEntry.Outcome.INTERRUPTED ? "interrupted" : text);
            took.setText(Format.duration(e.duration()));
            setGraphic(box);
        }
    }
}
