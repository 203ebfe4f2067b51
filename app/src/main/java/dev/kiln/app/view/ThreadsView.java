package dev.kiln.app.view;

import dev.kiln.ThreadSnapshot;
import dev.kiln.app.model.StackGroup;
import dev.kiln.app.model.Ticks;
import dev.kiln.app.model.Ui;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.VBox;

/**
 * The threads of the selected worker ({@code #threadsView}), grouped by identical stacks
 * ({@link StackGroup}): the thread that runs the snippet (or a call) first, deadlocked ones
 * flagged; the deadlocked groups open (else the snippet's), the rest folded under one line each. Asked every second while the worker
 * is busy and the tab shows, once more when it turns idle, and on Refresh. "Copy as text" puts the
 * threads on the clipboard as {@code jstack} prints them. "Kiln's threads" lists the worker's own
 * machinery and the JVM's threads too.
 */
public final class ThreadsView extends InspectorView<List<ThreadSnapshot>> {
    /** Frames shown per group; the rest are counted. */
    static final int MAX_FRAMES = 40;

    private final TreeView<String> tree = new TreeView<>(new TreeItem<>());
    private final Map<TreeItem<String>, StackGroup> groups = new HashMap<>();
    private final CheckBox all = new CheckBox("Kiln's threads");
    private List<ThreadSnapshot> last = List.of();
    private ScheduledFuture<?> poll;

    public ThreadsView(WorkbenchViewModel workbench) {
        super(workbench, "threads", "threadsStatus");
        setId("threadsView");
        tree.setId("threadsTree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new GroupCell());

        Button refresh = new Button("Refresh");
        refresh.setId("threadsRefresh");
        refresh.setTooltip(new Tooltip("Ask the worker for its threads now (while it is busy: every second)"));
        refresh.setOnAction(e -> refresh());
        Button copy = new Button("Copy as text");
        copy.setId("threadsCopy");
        copy.setTooltip(new Tooltip("Copy the threads as jstack prints them"));
        copy.setOnAction(e -> copy());
        copy.disableProperty().bind(tree.getRoot().leafProperty());
        all.setId("threadsAll");
        all.setTooltip(new Tooltip("Also list Kiln's and the JVM's own threads"));
        all.selectedProperty().addListener((o, was, now) -> refresh());
        for (var c : List.of(refresh, copy, all)) {
            c.getStyleClass().addAll("small", "flat");
        }
        setTop(new VBox(bar(refresh, copy, all), status));
        setCenter(tree);
    }

    /** Every second while the worker runs code and the tab shows: what it does changes from one look to the next. */
    private void followPoll() {
        WorkerViewModel vm = shown();
        boolean want = activeProperty().get() && vm != null && vm.isBusy();
        if (want && poll == null) {
            poll = Ticks.every(Duration.ofSeconds(1), Ui.fx(), () -> {
                WorkerViewModel now = shown();
                if (now != null && now.isBusy()) {
                    refresh();
                } else {
                    followPoll(); // its last run ended after its state turned idle: the poll ends here
                }
            });
        } else if (!want && poll != null) {
            poll.cancel(false);
            poll = null;
        }
    }

    @Override
    void shownChanged() {
        followPoll();
    }

    @Override
    void stateChanged() {
        super.stateChanged();
        followPoll();
    }

    /** Whether the tab asks the worker each second (for tests). */
    public boolean polling() {
        return poll != null;
    }

    @Override
    CompletableFuture<List<ThreadSnapshot>> ask(WorkerViewModel vm) {
        return vm.worker().threads(all.isSelected());
    }

    @Override
    String describe(WorkerViewModel vm, List<ThreadSnapshot> threads) {
        if (threads.isEmpty()) {
            return "No thread of your code runs in " + vm.name() + " now (Kiln's threads lists the worker's own)";
        }
        long dead = threads.stream().filter(ThreadSnapshot::deadlocked).count();
        return threads.size() + (threads.size() == 1 ? " thread" : " threads") + " of " + vm.name()
                + (dead > 0 ? " · " + dead + " deadlocked" : "");
    }

    @Override
    void showAnswer(WorkerViewModel vm, List<ThreadSnapshot> threads) {
        last = threads;
        groups.clear();
        TreeItem<String> root = tree.getRoot();
        root.getChildren().clear();
        boolean deadlock = threads.stream().anyMatch(ThreadSnapshot::deadlocked);
        for (StackGroup g : StackGroup.of(threads)) {
            TreeItem<String> item = new TreeItem<>(g.title());
            groups.put(item, g);
            ThreadSnapshot first = g.threads().get(0);
            if (g.threads().size() == 1 && !first.lockName().isEmpty()) {
                String owner = first.lockOwnerName().isEmpty() ? "" : " held by \"" + first.lockOwnerName() + "\"";
                item.getChildren().add(new TreeItem<>("waits for <" + first.lockName() + ">" + owner));
            }
            List<String> frames = g.frames();
            for (String f : frames.subList(0, Math.min(MAX_FRAMES, frames.size()))) {
                item.getChildren().add(new TreeItem<>("at " + f));
            }
            if (frames.size() > MAX_FRAMES) {
                item.getChildren().add(new TreeItem<>("… " + (frames.size() - MAX_FRAMES) + " more frames"));
            }
            // Open: the deadlocked threads, else the snippet's (or call's); a deadlock is what a person must see first.
            item.setExpanded(g.deadlocked() || (g.runsRequest() && !deadlock));
            root.getChildren().add(item);
        }
    }

    @Override
    void clear() {
        last = List.of();
        groups.clear();
        tree.getRoot().getChildren().clear();
    }

    private void copy() {
        WorkerViewModel vm = shown();
        if (vm == null) {
            return;
        }
        ClipboardContent c = new ClipboardContent();
        c.putString(StackGroup.jstack(vm.name(), last));
        Clipboard.getSystemClipboard().setContent(c);
    }

    /** The groups shown, in order (for tests). */
    public List<StackGroup> groups() {
        return tree.getRoot().getChildren().stream().map(groups::get).toList();
    }

    private final class GroupCell extends TreeCell<String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("thread-group", "thread-busy", "thread-deadlocked", "thread-frame");
            setText(empty ? null : item);
            if (empty || item == null) {
                return;
            }
            StackGroup g = groups.get(getTreeItem());
            if (g == null) {
                getStyleClass().add("thread-frame");
                return;
            }
            getStyleClass().add("thread-group");
            if (g.deadlocked()) {
                getStyleClass().add("thread-deadlocked");
            } else if (g.runsRequest()) {
                getStyleClass().add("thread-busy");
            }
        }
    }
}
