package dev.kiln.app.view;

import dev.kiln.app.model.WorkbenchViewModel;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Orientation;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The window's right column: the selected worker's memory and CPU charts over a tabbed pane
 * ({@code #inspectorTabs}) that looks inside it: Threads ({@code #threadsView}), Heap
 * ({@code #heapView}), Variables ({@code #variablesView}) and History ({@code #historyView}). Only
 * the tab that shows asks the worker anything.
 */
public final class SidePane {
    private final SplitPane split = new SplitPane();
    private final TabPane tabs = new TabPane();
    private final ThreadsView threads;
    private final HeapView heap;
    private final VariablesView variables;
    private final HistoryView history;
    private final CpuChartView cpu;

    /**
     * @param memory     the memory chart, with its placeholder
     * @param insertName puts a variable's name into the editor at its caret
     * @param files      where the history's Export asks for a file
     */
    public SidePane(
            WorkbenchViewModel workbench, StackPane memory, Consumer<String> insertName, Supplier<FilePicker> files) {
        cpu = new CpuChartView(workbench);
        threads = new ThreadsView(workbench);
        heap = new HeapView(workbench);
        variables = new VariablesView(workbench, insertName);
        history = new HistoryView(workbench, files);
        tabs.setId("inspectorTabs");
        tabs.getStyleClass().add("dense"); // AtlantaFX's compact tabs: all four fit the column
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        add("Threads", "threadsTab", threads);
        add("Heap", "heapTab", heap);
        add("Variables", "variablesTab", variables);
        add("History", "historyTab", history);

        VBox charts = new VBox(memory, cpu.node());
        VBox.setVgrow(memory, Priority.ALWAYS);
        VBox.setVgrow(cpu.node(), Priority.ALWAYS);
        memory.setMinHeight(0);
        cpu.node().setMinHeight(0);
        split.setOrientation(Orientation.VERTICAL);
        split.getItems().addAll(charts, tabs);
        split.setDividerPositions(0.5);
        split.getStyleClass().add("side-pane");
    }

    private void add(String title, String id, InspectorView<?> view) {
        Tab tab = new Tab(title, view);
        tab.setId(id);
        view.activeProperty().bind(tab.selectedProperty());
        tabs.getTabs().add(tab);
    }

    /** What the window lays out as its right column. */
    public SplitPane node() {
        return split;
    }

    public TabPane tabs() {
        return tabs;
    }

    public ThreadsView threads() {
        return threads;
    }

    public HeapView heap() {
        return heap;
    }

    public VariablesView variables() {
        return variables;
    }

    public HistoryView history() {
        return history;
    }

    public CpuChartView cpu() {
        return cpu;
    }
}
