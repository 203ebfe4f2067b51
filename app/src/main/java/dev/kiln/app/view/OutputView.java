package dev.kiln.app.view;

import dev.kiln.app.command.Command;
import dev.kiln.app.command.CommandTable;
import dev.kiln.app.model.OutputLine;
import dev.kiln.app.model.OutputSearch;
import dev.kiln.app.model.Ui;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import java.util.stream.Collectors;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Tooltip;
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
import javafx.scene.layout.VBox;

/**
 * The output of the selected worker ({@code #outputView}): a virtualized list over the worker's
 * capped line buffer (the PDFsam log view pattern), stderr in red, each run's output under a
 * separator that names it, a restart marked. It follows the tail while the user is at the bottom
 * ({@link TailFollower}). Above the list: the header (title, Find, Copy, Clear), the notice of lines
 * the cap dropped (under the header, so it never squeezes it) and the find bar ({@link FindBar},
 * {@link Command#FIND}); under it, the input line while the worker's code waits on
 * {@code System.in} ({@link InputLine}).
 */
public final class OutputView extends BorderPane {
    /** Ends the input in the input line (Ctrl+D); no workbench command may take it. */
    public static final KeyCombination END_INPUT = InputLine.END_INPUT;

    private final ListView<OutputLine> list = new ListView<>();
    private final Label dropped = new Label();
    private final HBox droppedBar = new HBox(dropped);
    private final OutputSearch search = new OutputSearch(Ui.fx());
    private final FindBar findBar;
    private final InputLine inputLine = new InputLine();
    private final TailFollower follower = new TailFollower(list);
    private final ChangeListener<Number> droppedListener = (o, a, b) -> showDropped(b.longValue());
    private WorkerViewModel shown;

    public OutputView(WorkbenchViewModel workbench, CommandTable commands) {
        getStyleClass().add("output-pane");
        list.setId("outputView");
        list.getStyleClass().add("output-list");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(lv -> new OutputLineCell(search));
        list.setPlaceholder(new Label("Output of the selected worker appears here"));
        list.setOnKeyPressed(e -> {
            if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e)) {
                copySelection();
            }
        });
        search.versionProperty().addListener((o, was, now) -> list.refresh());

        dropped.setId("outputDropped");
        dropped.getStyleClass().add("output-dropped");
        // A narrow pane wraps the notice rather than cutting it.
        dropped.setWrapText(true);
        dropped.setMinWidth(0);
        dropped.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(dropped, Priority.ALWAYS);
        droppedBar.getStyleClass().add("output-notice");
        droppedBar.setAlignment(Pos.CENTER_LEFT);
        droppedBar.setPadding(new Insets(2, 6, 2, 6));
        droppedBar.setVisible(false);
        droppedBar.managedProperty().bind(droppedBar.visibleProperty());

        findBar = new FindBar(search, this::firstLineShown, this::reveal, list::requestFocus);

        Button find = new Button(Command.FIND.label());
        find.setId(Command.FIND.id());
        find.setTooltip(new Tooltip(Command.FIND.tooltip()));
        find.setOnAction(e -> commands.run(Command.FIND));
        Button clear = new Button("Clear");
        clear.setOnAction(e -> {
            if (shown != null) {
                shown.output().clear();
                follower.follow(); // what comes next is the new tail
            }
        });
        Button copy = new Button("Copy");
        copy.setOnAction(e -> copySelection());
        for (Button b : new Button[] {find, clear, copy}) {
            b.getStyleClass().addAll("small", "flat");
        }
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        setTop(new VBox(
                PaneHeader.ofWorker("Output", "outputTitle", workbench, grow, find, copy, clear), droppedBar, findBar));
        setCenter(list);
        setBottom(inputLine);

        workbench.selectedProperty().addListener((o, was, now) -> show(now));
        show(workbench.selected());
    }

    /** Opens the find bar, or puts the keyboard back in its field ({@link Command#FIND}). */
    public void openFind() {
        findBar.open();
    }

    private void show(WorkerViewModel vm) {
        ObservableList<OutputLine> before = list.getItems();
        if (shown != null) {
            shown.output().droppedLines().removeListener(droppedListener);
        }
        shown = vm;
        ObservableList<OutputLine> lines =
                vm == null ? FXCollections.observableArrayList() : vm.output().lines();
        if (vm != null) {
            vm.output().droppedLines().addListener(droppedListener);
        }
        list.setItems(lines);
        follower.watch(before, lines);
        search.setLines(lines);
        inputLine.show(vm);
        showDropped(vm == null ? 0 : vm.output().droppedLines().get());
    }

    private void showDropped(long n) {
        droppedBar.setVisible(n > 0);
        dropped.setText(n + " earlier lines dropped (showing the last "
                + (shown == null ? 0 : shown.output().cap()) + ")");
    }

    /** The index of the first line on screen (0 when none is). */
    private int firstLineShown() {
        VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
        IndexedCell<?> first = flow == null ? null : flow.getFirstVisibleCell();
        return first == null ? 0 : first.getIndex();
    }

    /** Scrolls a match into view, a few lines below the top; the view then stays there. */
    private void reveal(OutputSearch.Match m) {
        follower.stop();
        list.scrollTo(Math.max(0, m.line() - 3));
    }

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

    public ListView<OutputLine> list() {
        return list;
    }
}
