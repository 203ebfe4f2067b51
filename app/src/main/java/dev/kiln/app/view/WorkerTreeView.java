package dev.kiln.app.view;

import dev.kiln.NestedWorker;
import dev.kiln.WorkerState;
import dev.kiln.app.command.Command;
import dev.kiln.app.command.CommandTable;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The worker tree ({@code #workerList}): workers, with the workers they started beneath them. A
 * nested worker's row names its parent and its own unique name ({@code worker-1 › worker-1.1}).
 * Ctrl-click (⌘-click on macOS) and Shift-click select several workers: the workbench's chosen
 * workers ({@link WorkbenchViewModel#chosenWorkers()}), which Run sends code to; the row clicked
 * last is the selected worker, which the other panes show.
 */
public final class WorkerTreeView extends TreeView<Object> {
    private static final List<String> STATE_CLASSES =
            List.of("state-starting", "state-idle", "state-busy", "state-stopping", "state-exited");

    private final WorkbenchViewModel workbench;
    private final Map<WorkerViewModel, TreeItem<Object>> items = new HashMap<>();
    private boolean syncing;

    private final CommandTable commands;

    /** @param commands what the context menu's commands do (Add dependency…) */
    public WorkerTreeView(WorkbenchViewModel workbench, CommandTable commands) {
        this.workbench = workbench;
        this.commands = commands;
        setId("workerList");
        setRoot(new TreeItem<>("workers"));
        setShowRoot(false);
        setCellFactory(tv -> new Cell());
        workbench.workers().addListener((ListChangeListener<WorkerViewModel>) c -> rebuild());
        // Ctrl-click (⌘ on macOS) and Shift-click select several workers: Run sends the code to each.
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        getSelectionModel().selectedItemProperty().addListener((o, was, now) -> pushSelection());
        getSelectionModel().getSelectedItems().addListener((ListChangeListener<TreeItem<Object>>) c -> pushSelection());
        workbench.selectedProperty().addListener((o, was, now) -> selectInTree());
        workbench.chosenWorkers().addListener((ListChangeListener<WorkerViewModel>) c -> selectInTree());
        addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> requestFocus());
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if ((e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE)
                    && workbench.selected() != null
                    && workbench.selected().state() == WorkerState.EXITED) {
                e.consume();
                workbench.remove(workbench.selected());
            }
        });
        rebuild();
    }

    private void rebuild() {
        syncing = true;
        try {
            Map<WorkerViewModel, TreeItem<Object>> keep = new HashMap<>();
            getRoot().getChildren().clear();
            for (WorkerViewModel vm : workbench.workers()) {
                TreeItem<Object> item = items.get(vm);
                if (item == null) {
                    item = new TreeItem<>(vm);
                    item.setExpanded(true);
                    TreeItem<Object> host = item;
                    vm.nested().addListener((ListChangeListener<NestedWorker>) c -> syncNested(host, vm));
                    syncNested(item, vm);
                }
                keep.put(vm, item);
                getRoot().getChildren().add(item);
            }
            items.clear();
            items.putAll(keep);
        } finally {
            syncing = false;
        }
        selectInTree();
    }

    /** The rows selected, as workers (a nested worker's row stands for the worker at its top). */
    private void pushSelection() {
        if (syncing) {
            return;
        }
        List<WorkerViewModel> tops = new ArrayList<>();
        for (TreeItem<Object> item : List.copyOf(getSelectionModel().getSelectedItems())) {
            WorkerViewModel top = topOf(item);
            if (top != null && !tops.contains(top)) {
                tops.add(top);
            }
        }
        if (tops.isEmpty()) {
            return; // nothing selected (a Ctrl-click took the last row away): the panes keep their worker
        }
        WorkerViewModel primary = topOf(getSelectionModel().getSelectedItem());
        workbench.choose(tops, primary != null && tops.contains(primary) ? primary : tops.get(tops.size() - 1));
    }

    /** Nested reports arrive flat at the top host; each goes under the worker that started it (its hostPid). */
    private static void syncNested(TreeItem<Object> host, WorkerViewModel vm) {
        Map<Long, TreeItem<Object>> byPid = new HashMap<>();
        byPid.put(vm.pid(), host);
        List<TreeItem<Object>> made = new ArrayList<>();
        for (NestedWorker n : vm.nested()) {
            TreeItem<Object> item = new TreeItem<>(n);
            item.setExpanded(true);
            byPid.put(n.pid(), item);
            made.add(item);
        }
        host.getChildren().clear();
        for (TreeItem<Object> item : made) {
            NestedWorker n = (NestedWorker) item.getValue();
            byPid.getOrDefault(n.hostPid(), host).getChildren().add(item);
        }
    }

    /** Selects the rows of the workers the workbench has chosen, its selected one last (the focused row). */
    private void selectInTree() {
        List<TreeItem<Object>> want = new ArrayList<>();
        for (WorkerViewModel vm : workbench.chosenWorkers()) {
            TreeItem<Object> item = items.get(vm);
            if (item != null && vm != workbench.selected()) {
                want.add(item);
            }
        }
        TreeItem<Object> primary = workbench.selected() == null ? null : items.get(workbench.selected());
        if (primary != null) {
            want.add(primary);
        }
        List<WorkerViewModel> shown = new ArrayList<>();
        for (TreeItem<Object> item : getSelectionModel().getSelectedItems()) {
            WorkerViewModel top = topOf(item);
            if (top != null && !shown.contains(top)) {
                shown.add(top);
            }
        }
        boolean same = shown.size() == want.size()
                && want.stream().allMatch(i -> shown.contains((WorkerViewModel) i.getValue()))
                && (primary == null || topOf(getSelectionModel().getSelectedItem()) == primary.getValue());
        if (same || want.isEmpty()) {
            return;
        }
        syncing = true;
        try {
            getSelectionModel().clearSelection();
            for (TreeItem<Object> item : want) {
                getSelectionModel().select(item);
            }
        } finally {
            syncing = false;
        }
    }

    /** The top-level worker a row belongs to (itself, or the host of a nested worker). */
    private static WorkerViewModel topOf(TreeItem<Object> item) {
        for (TreeItem<Object> i = item; i != null; i = i.getParent()) {
            if (i.getValue() instanceof WorkerViewModel vm) {
                return vm;
            }
        }
        return null;
    }

    /**
     * A row: (for a nested worker, its parent ›) name, the machine of a worker on another host
     * ({@code @ build-box}), PID, a coloured state badge, resident memory.
     */
    private final class Cell extends TreeCell<Object> {
        private final Label parent = new Label();
        private final Label name = new Label();
        private final Label machine = new Label();
        private final Label pid = new Label();
        private final Label badge = new Label();
        private final Label memory = new Label();
        private final VBox box;
        /** Made when the row first shows a worker (most rows of a short list never do). */
        private Tooltip tip;

        private WorkerViewModel bound;
        private final InvalidationListener refresh = this::refresh;
        /** A new memory figure changes the memory label alone: the row's other parts stay as they are. */
        private final InvalidationListener refreshMemory = o -> showMemory();

        Cell() {
            parent.getStyleClass().add("worker-parent");
            parent.managedProperty().bind(parent.visibleProperty());
            name.getStyleClass().add("worker-name");
            // A long host name gives way (whole in the tooltip and the details) before name and state do.
            machine.getStyleClass().add("worker-host");
            machine.managedProperty().bind(machine.visibleProperty());
            machine.setVisible(false);
            pid.getStyleClass().add("worker-pid");
            badge.getStyleClass().add("state-badge");
            // Names and the state stay whole in a narrow pane; the pid and memory give way first.
            for (Label l : new Label[] {parent, name, badge}) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
            memory.getStyleClass().add("worker-memory");
            for (Label l : new Label[] {name, pid, badge, memory}) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            HBox top = new HBox(6, parent, name, machine, grow, badge);
            top.setAlignment(Pos.CENTER_LEFT);
            Label pidKey = new Label("pid");
            pidKey.getStyleClass().add("worker-pid-key");
            pidKey.setMinWidth(Region.USE_PREF_SIZE);
            HBox.setMargin(memory, new javafx.geometry.Insets(0, 0, 0, 8));
            HBox facts = new HBox(4, pidKey, pid, memory);
            facts.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(1, top, facts);
            getStyleClass().add("worker-cell");
            setPrefWidth(0);
            // The context menu is made when the row first shows a worker or is right-clicked (this filter runs
            // before the control shows its menu): the empty rows that fill the list cost no menus.
            addEventFilter(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> ensureMenu());
        }

        private void ensureMenu() {
            if (getContextMenu() != null) {
                return;
            }
            MenuItem remove = new MenuItem("Remove from list");
            remove.setOnAction(e -> {
                if (getItem() instanceof WorkerViewModel vm) {
                    workbench.remove(vm);
                }
            });
            // For the worker of this row: it becomes the selected one, which the command works on.
            MenuItem addDependency = new MenuItem(Command.ADD_DEPENDENCY.label());
            addDependency.setId(Command.ADD_DEPENDENCY.id());
            addDependency.setOnAction(e -> {
                if (getItem() instanceof WorkerViewModel vm) {
                    workbench.selectedProperty().set(vm);
                    commands.run(Command.ADD_DEPENDENCY);
                }
            });
            ContextMenu menu = new ContextMenu(addDependency, remove);
            menu.setOnShowing(e -> addDependency.setDisable(
                    !(getItem() instanceof WorkerViewModel vm && vm.state().isLive())));
            setContextMenu(menu);
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            if (bound != null) {
                bound.stateProperty().removeListener(refresh);
                bound.rssBytesProperty().removeListener(refreshMemory);
                bound.exitCodeProperty().removeListener(refresh);
                bound.stderrTailProperty().removeListener(refresh);
                bound = null;
            }
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                getStyleClass().remove("exited");
                return;
            }
            ensureMenu();
            if (item instanceof WorkerViewModel vm) {
                bound = vm;
                vm.stateProperty().addListener(refresh);
                vm.rssBytesProperty().addListener(refreshMemory);
                vm.exitCodeProperty().addListener(refresh);
                vm.stderrTailProperty().addListener(refresh);
            }
            refresh(null);
            setText(null);
            setGraphic(box);
        }

        private void showMemory() {
            if (getItem() instanceof WorkerViewModel vm) {
                memory.setText(
                        vm.state() == WorkerState.EXITED
                                ? ""
                                : Format.bytes(vm.rssBytesProperty().get()));
            }
        }

        private void refresh(Observable ignored) {
            Object item = getItem();
            WorkerState s;
            Integer code;
            parent.setVisible(item instanceof NestedWorker);
            if (item instanceof WorkerViewModel vm) {
                name.setText(vm.name());
                Optional<String> host = vm.worker().spec().host();
                machine.setText(host.map(h -> "@ " + Format.machine(h)).orElse(""));
                machine.setVisible(host.isPresent());
                pid.setText(String.valueOf(vm.pid()));
                s = vm.state();
                code = vm.exitCodeProperty().get();
                showMemory();
                String tail = vm.stderrTailProperty().get();
                if (tip == null) {
                    tip = new Tooltip();
                }
                tip.setText(vm.name() + host.map(h -> " on " + h).orElse("") + " · pid " + vm.pid() + " · "
                        + Format.state(s, code)
                        + (tail.isEmpty() ? "" : "\n--- end of stderr ---\n" + tail));
                setTooltip(tip);
            } else if (item instanceof NestedWorker n) {
                WorkerViewModel top = topOf(getTreeItem());
                name.setText(top == null ? n.name() : top.nestedName(n));
                machine.setVisible(false); // on its top worker's machine, which that row names
                parent.setText((top == null ? "" : top.nestedParentName(n)) + " ›");
                pid.setText(String.valueOf(n.pid()));
                s = n.state();
                code = n.state() == WorkerState.EXITED ? n.exitCode() : null;
                memory.setText(""); // the host measures no memory of its nested workers
                setTooltip(null);
            } else {
                return;
            }
            badge.setText(Format.state(s, code));
            // Style classes change only when the state does: each change restyles the badge.
            String stateClass = "state-" + s.name().toLowerCase(java.util.Locale.ROOT);
            if (!badge.getStyleClass().contains(stateClass)) {
                badge.getStyleClass().removeAll(STATE_CLASSES);
                badge.getStyleClass().add(stateClass);
            }
            if (s == WorkerState.EXITED) {
                if (!getStyleClass().contains("exited")) {
                    getStyleClass().add("exited");
                }
            } else {
                getStyleClass().remove("exited");
            }
        }
    }
}
