package dev.kiln.app.view;

import dev.kiln.WorkerState;
import dev.kiln.WorkerStats;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Path;

/**
 * The memory chart ({@code #memoryChart}) of the selected worker: resident memory, heap used
 * and heap committed, in MB, over the seconds since it started (the last ten minutes). Until the
 * worker has figures the chart is empty, its axes at rest, and a placeholder
 * ({@code #memoryPlaceholder}) says why: no worker, a worker that never started, or one whose
 * first figures are on their way.
 */
public final class MemoryChartView {
    private final NumberAxis x = new NumberAxis();
    private final NumberAxis y = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(x, y);
    private final XYChart.Series<Number, Number> rss = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> heapUsed = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> heapCommitted = new XYChart.Series<>();
    private final ListChangeListener<WorkerStats> onSample = this::onSamples;
    private final Label placeholder = new Label();
    private final StackPane pane = new StackPane(chart, placeholder);
    private final InvalidationListener refreshPlaceholder = o -> refreshPlaceholder();
    private WorkerViewModel shown;

    public MemoryChartView(WorkbenchViewModel workbench) {
        chart.setId("memoryChart");
        chart.getStyleClass().add("memory-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(true);
        x.setLabel("seconds");
        x.setForceZeroInRange(false);
        y.setLabel("MB");
        rss.setName("resident");
        heapUsed.setName("heap used");
        heapCommitted.setName("heap committed");
        chart.getData().addAll(List.of(rss, heapUsed, heapCommitted));
        placeholder.setId("memoryPlaceholder");
        placeholder.getStyleClass().add("chart-placeholder");
        placeholder.setWrapText(true);
        placeholder.setMouseTransparent(true);
        workbench.selectedProperty().addListener((o, was, now) -> show(now));
        show(workbench.selected());
    }

    private void show(WorkerViewModel vm) {
        if (shown != null) {
            shown.samples().removeListener(onSample);
            shown.samples().removeListener(refreshPlaceholder);
            shown.stateProperty().removeListener(refreshPlaceholder);
            shown.startedProperty().removeListener(refreshPlaceholder);
        }
        shown = vm;
        for (XYChart.Series<Number, Number> s : List.of(rss, heapUsed, heapCommitted)) {
            s.getData().clear();
            // LineChart leaves an emptied series' line drawn (it only redraws series with data): without
            // this, a worker with no figures showed the previous worker's lines under its own axes.
            if (s.getNode() instanceof Path line) {
                line.getElements().clear();
            }
        }
        chart.setTitle(vm == null ? "Memory" : "Memory of " + vm.name());
        if (vm != null) {
            vm.samples().addListener(onSample);
            vm.samples().addListener(refreshPlaceholder);
            vm.stateProperty().addListener(refreshPlaceholder);
            vm.startedProperty().addListener(refreshPlaceholder);
            showAll(vm.samples());
        }
        refreshPlaceholder();
        chart.requestLayout();
    }

    private void refreshPlaceholder() {
        WorkerViewModel vm = shown;
        boolean empty = vm == null || vm.samples().isEmpty();
        placeholder.setVisible(empty);
        // An empty chart keeps no other worker's scale: its axes rest at a fixed range until figures come.
        x.setAutoRanging(!empty);
        y.setAutoRanging(!empty);
        if (empty) {
            x.setLowerBound(0);
            x.setUpperBound(60);
            x.setTickUnit(10);
            y.setLowerBound(0);
            y.setUpperBound(100);
            y.setTickUnit(20);
        }
        if (vm == null) {
            placeholder.setText("No worker selected: its memory shows here");
        } else if (vm.neverStarted()) {
            placeholder.setText(vm.name() + " never started, so it has no memory figures. Its details say why.");
        } else if (vm.state() == WorkerState.EXITED) {
            placeholder.setText(vm.name() + " exited before its first memory figures");
        } else {
            placeholder.setText("Waiting for the first memory figures of " + vm.name() + "…");
        }
    }

    private void onSamples(ListChangeListener.Change<? extends WorkerStats> c) {
        while (c.next()) {
            if (c.wasRemoved() && !c.wasAdded()) {
                trim();
            }
            if (c.wasAdded()) {
                addAll(c.getAddedSubList());
            }
        }
    }

    /** Drops the points older than the oldest sample kept; a flat line that began before it now begins there. */
    private void trim() {
        if (shown.samples().isEmpty()) {
            return;
        }
        double cutoff = secs(shown.samples().get(0));
        for (XYChart.Series<Number, Number> s : List.of(rss, heapUsed, heapCommitted)) {
            ObservableList<XYChart.Data<Number, Number>> data = s.getData();
            int drop = 0;
            while (drop + 1 < data.size() && data.get(drop + 1).getXValue().doubleValue() <= cutoff) {
                drop++;
            }
            data.remove(0, drop);
            if (!data.isEmpty() && data.get(0).getXValue().doubleValue() < cutoff) {
                data.get(0).setXValue(cutoff);
            }
        }
    }

    private void addAll(List<? extends WorkerStats> samples) {
        for (WorkerStats s : samples) {
            double secs = secs(s);
            if (s.rssBytes() >= 0) {
                extend(rss.getData(), secs, mb(s.rssBytes()));
            }
            extend(heapUsed.getData(), secs, mb(s.heapUsedBytes()));
            extend(heapCommitted.getData(), secs, mb(s.heapCommittedBytes()));
        }
        // Under the software pipeline the chart did not always lay itself out again on new points.
        chart.requestLayout();
    }

    /** A worker's samples so far, each series set at once (one change, not one a point). */
    private void showAll(List<WorkerStats> samples) {
        List<XYChart.Data<Number, Number>> r = new ArrayList<>();
        List<XYChart.Data<Number, Number>> hu = new ArrayList<>();
        List<XYChart.Data<Number, Number>> hc = new ArrayList<>();
        for (WorkerStats s : samples) {
            double secs = secs(s);
            if (s.rssBytes() >= 0) {
                extend(r, secs, mb(s.rssBytes()));
            }
            extend(hu, secs, mb(s.heapUsedBytes()));
            extend(hc, secs, mb(s.heapCommittedBytes()));
        }
        rss.getData().setAll(r);
        heapUsed.getData().setAll(hu);
        heapCommitted.getData().setAll(hc);
    }

    /**
     * Adds a point, or, when the line is flat (the last two points and this one at the same height),
     * moves its last point to this one's time: the same line, drawn with two points instead of one a
     * second, so an idle worker's chart stays cheap to lay out however long it runs.
     */
    private static void extend(List<XYChart.Data<Number, Number>> data, double x, double y) {
        int n = data.size();
        if (n >= 2
                && data.get(n - 1).getYValue().doubleValue() == y
                && data.get(n - 2).getYValue().doubleValue() == y) {
            data.get(n - 1).setXValue(x);
        } else {
            data.add(new XYChart.Data<>(x, y));
        }
    }

    private double secs(WorkerStats s) {
        Instant t0 = shown.worker().startedAt();
        return t0 == null ? 0 : Duration.between(t0, s.time()).toMillis() / 1000.0;
    }

    private static double mb(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0) * 10) / 10.0;
    }

    public LineChart<Number, Number> node() {
        return chart;
    }

    /** The chart with its placeholder over it: what the window lays out. */
    public StackPane pane() {
        return pane;
    }

    /** The placeholder over the empty chart (for tests). */
    public Label placeholder() {
        return placeholder;
    }

    /** Points in the heap-used series, a flat stretch counting two (for tests and the status bar). */
    public int pointCount() {
        return heapUsed.getData().size();
    }
}
