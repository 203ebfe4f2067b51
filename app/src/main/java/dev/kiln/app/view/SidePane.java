package dev.kiln.app.view;

import dev.kiln.app.model.WorkbenchViewModel;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Orientation;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The window's right column: the selected worker's memory and CPU charts over a tabbed pane
 * ({@code #inspectorTabs}) that looks inside it: Threads ({@code #threadsView}), Heap
 * ({@code #heapView}), Variables ({@code #variablesView}) and History ({@code #historyView}). Only
 * the tab that shows asks the worker anything.
 *
 * <p>Its views are made after the window's first frame, so the window opens sooner: the charts and
 * the Threads tab's view by {@link #fillIn()}, which the window calls once that frame is drawn; each
 * other tab's view when the tab is first selected (or the view asked for).
 */
public final class SidePane {
    private final SplitPane split = new SplitPane();
    private final TabPane tabs = new TabPane();
    private final VBox charts = new VBox();
    private final WorkbenchViewModel workbench;
    private final Supplier<MemoryChartView> memory;
    private final Lazy<ThreadsView> threads;
    private final Lazy<HeapView> heap;
    private final Lazy<VariablesView> variables;
    private final Lazy<HistoryView> history;
    private CpuChartView cpu;

    /**
     * @param memory     the memory chart (made by {@link #fillIn()})
     * @param insertName puts a variable's name into the editor at its caret
     * @param files      where the history's Export asks for a file
     */
    public SidePane(
            WorkbenchViewModel workbench,
            Supplier<MemoryChartView> memory,
            Consumer<String> insertName,
            Supplier<FilePicker> files) {
        this.workbench = workbench;
        this.memory = memory;
        tabs.setId("inspectorTabs");
        tabs.getStyleClass().add("dense"); // AtlantaFX's compact tabs: all four fit the column
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        threads = new Lazy<>(tab("Threads", "threadsTab"), () -> new ThreadsView(workbench));
        heap = new Lazy<>(tab("Heap", "heapTab"), () -> new HeapView(workbench));
        variables = new Lazy<>(tab("Variables", "variablesTab"), () -> new VariablesView(workbench, insertName));
        history = new Lazy<>(tab("History", "historyTab"), () -> new HistoryView(workbench, files));

        split.setOrientation(Orientation.VERTICAL);
        split.getItems().addAll(charts, tabs);
        split.setDividerPositions(0.5);
        split.getStyleClass().add("side-pane");
    }

    private Tab tab(String title, String id) {
        Tab tab = new Tab(title);
        tab.setId(id);
        tabs.getTabs().add(tab);
        return tab;
    }

    private static void show(Tab tab, InspectorView<?> view) {
        tab.setContent(view);
        view.activeProperty().bind(tab.selectedProperty());
    }

    /** A tab whose view is made the first time the tab is selected, or the view asked for. */
    private static final class Lazy<V extends InspectorView<?>> {
        private final Tab tab;
        private final Supplier<V> make;
        private V view;

        Lazy(Tab tab, Supplier<V> make) {
            this.tab = tab;
            this.make = make;
            tab.selectedProperty().addListener((o, was, now) -> {
                if (now) {
                    get();
                }
            });
        }

        V get() {
            if (view == null) {
                view = make.get();
                show(tab, view);
            }
            return view;
        }
    }

    /** Makes the charts and the selected tab's view, once (FX thread). */
    public void fillIn() {
        if (cpu != null) {
            return;
        }
        for (Lazy<?> tab : List.of(threads, heap, variables, history)) {
            if (tab.tab.isSelected()) {
                tab.get();
            }
        }
        cpu = new CpuChartView(workbench);
        var memoryPane = memory.get().pane();
        charts.getChildren().setAll(memoryPane, cpu.node());
        VBox.setVgrow(memoryPane, Priority.ALWAYS);
        VBox.setVgrow(cpu.node(), Priority.ALWAYS);
        memoryPane.setMinHeight(0);
        cpu.node().setMinHeight(0);
    }

    /** What the window lays out as its right column. */
    public SplitPane node() {
        return split;
    }

    public TabPane tabs() {
        return tabs;
    }

    public ThreadsView threads() {
        return threads.get();
    }

    public HeapView heap() {
        return heap.get();
    }

    public VariablesView variables() {
        return variables.get();
    }

    public HistoryView history() {
        return history.get();
    }

    /** The CPU chart (made now if it was not yet). */
    public CpuChartView cpu() {
        fillIn();
        return cpu;
    }
}
