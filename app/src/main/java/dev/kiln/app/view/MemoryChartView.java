package dev.kiln.app.view;

import dev.kiln.WorkerStats;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * The memory chart ({@code #memoryChart}) of the selected worker: resident memory, heap used
 * and heap committed, in MB, over the seconds since it started (the last ten minutes).
 */
public final class MemoryChartView {
    private final NumberAxis x = new NumberAxis();
    private final NumberAxis y = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(x, y);
    private final XYChart.Series<Number, Number> rss = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> heapUsed = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> heapCommitted = new XYChart.Series<>();
    private final ListChangeListener<WorkerStats> onSample = this::onSamples;
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
        workbench.selectedProperty().addListener((o, was, now) -> show(now));
        show(workbench.selected());
    }

    private void show(WorkerViewModel vm) {
        if (shown != null) {
            shown.samples().removeListener(onSample);
        }
        shown = vm;
        rss.getData().clear();
        heapUsed.getData().clear();
        heapCommitted.getData().clear();
        chart.setTitle(vm == null ? "Memory" : "Memory of " + vm.name());
        if (vm != null) {
            vm.samples().addListener(onSample);
            addAll(vm.samples());
        }
    }

    private void onSamples(ListChangeListener.Change<? extends WorkerStats> c) {
        while (c.next()) {
            if (c.wasRemoved() && !c.wasAdded()) {
                trim(c.getRemovedSize());
            }
            if (c.wasAdded()) {
                addAll(c.getAddedSubList());
            }
        }
    }

    private void trim(int n) {
        for (XYChart.Series<Number, Number> s : List.of(rss, heapUsed, heapCommitted)) {
            s.getData().remove(0, Math.min(n, s.getData().size()));
        }
    }

    private void addAll(List<? extends WorkerStats> samples) {
        Instant t0 = shown.worker().startedAt();
        List<XYChart.Data<Number, Number>> r = new ArrayList<>();
        List<XYChart.Data<Number, Number>> hu = new ArrayList<>();
        List<XYChart.Data<Number, Number>> hc = new ArrayList<>();
        for (WorkerStats s : samples) {
            double secs = t0 == null ? 0 : Duration.between(t0, s.time()).toMillis() / 1000.0;
            if (s.rssBytes() >= 0) {
                r.add(new XYChart.Data<>(secs, mb(s.rssBytes())));
            }
            hu.add(new XYChart.Data<>(secs, mb(s.heapUsedBytes())));
            hc.add(new XYChart.Data<>(secs, mb(s.heapCommittedBytes())));
        }
        rss.getData().addAll(r);
        heapUsed.getData().addAll(hu);
        heapCommitted.getData().addAll(hc);
        // Under the software pipeline the chart did not always lay itself out again on new points.
        chart.requestLayout();
    }

    private static double mb(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0) * 10) / 10.0;
    }

    public LineChart<Number, Number> node() {
        return chart;
    }

    /** Points in the resident-memory series (for tests and the status bar). */
    public int pointCount() {
        return heapUsed.getData().size();
    }
}
