package dev.kiln.app.view;

import dev.kiln.WorkerStats;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.shape.Path;

/**
 * The CPU chart ({@code #cpuChart}) of the selected worker, beside its memory: the share of the
 * processors its process kept busy and the share of the time that went to garbage collection, in
 * percent, between one sample and the next, over the seconds since it started. Its title says how
 * many threads the worker has now.
 */
public final class CpuChartView {
    private final NumberAxis x = new NumberAxis();
    private final NumberAxis y = new NumberAxis(0, 100, 25);
    private final LineChart<Number, Number> chart = new LineChart<>(x, y);
    private final XYChart.Series<Number, Number> cpu = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> gc = new XYChart.Series<>();
    private final ListChangeListener<WorkerStats> onSample = this::onSamples;
    private WorkerViewModel shown;

    public CpuChartView(WorkbenchViewModel workbench) {
        chart.setId("cpuChart");
        chart.getStyleClass().add("memory-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        x.setLabel("seconds");
        x.setForceZeroInRange(false);
        y.setLabel("%");
        y.setAutoRanging(false);
        cpu.setName("CPU");
        gc.setName("GC");
        chart.getData().addAll(List.of(cpu, gc));
        workbench.selectedProperty().addListener((o, was, now) -> show(now));
        show(workbench.selected());
    }

    private void show(WorkerViewModel vm) {
        if (shown != null) {
            shown.samples().removeListener(onSample);
        }
        shown = vm;
        if (vm != null) {
            vm.samples().addListener(onSample);
        }
        redraw();
    }

    /**
     * New samples add their points at the end, samples dropped from the front take theirs along: the
     * series are not rebuilt every second (a point is the change between a sample and the one before).
     */
    private void onSamples(ListChangeListener.Change<? extends WorkerStats> c) {
        List<WorkerStats> samples = shown.samples();
        while (c.next()) {
            if (c.wasRemoved() && !c.wasAdded() && c.getFrom() == 0) {
                int n = Math.min(c.getRemovedSize(), cpu.getData().size());
                cpu.getData().remove(0, n);
                gc.getData().remove(0, n);
            } else if (c.wasAdded() && !c.wasRemoved() && c.getTo() == samples.size()) {
                Instant t0 = shown.worker().startedAt();
                List<XYChart.Data<Number, Number>> cs = new ArrayList<>();
                List<XYChart.Data<Number, Number>> gs = new ArrayList<>();
                for (int i = Math.max(1, c.getFrom()); i < c.getTo(); i++) {
                    WorkerStats a = samples.get(i - 1);
                    WorkerStats b = samples.get(i);
                    double secs =
                            t0 == null ? i : Duration.between(t0, b.time()).toMillis() / 1000.0;
                    cs.add(new XYChart.Data<>(secs, percent(b.cpuLoadSince(a))));
                    gs.add(new XYChart.Data<>(secs, percent(b.gcShareSince(a))));
                }
                cpu.getData().addAll(cs);
                gc.getData().addAll(gs);
            } else {
                redraw();
                return;
            }
        }
        chart.setTitle(title(shown, samples));
        chart.requestLayout();
    }

    private void redraw() {
        WorkerViewModel vm = shown;
        List<WorkerStats> samples = vm == null ? List.of() : vm.samples();
        Instant t0 = vm == null ? null : vm.worker().startedAt();
        List<XYChart.Data<Number, Number>> c = new ArrayList<>();
        List<XYChart.Data<Number, Number>> g = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            WorkerStats a = samples.get(i - 1);
            WorkerStats b = samples.get(i);
            double secs = t0 == null ? i : Duration.between(t0, b.time()).toMillis() / 1000.0;
            c.add(new XYChart.Data<>(secs, percent(b.cpuLoadSince(a))));
            g.add(new XYChart.Data<>(secs, percent(b.gcShareSince(a))));
        }
        for (XYChart.Series<Number, Number> s : List.of(cpu, gc)) {
            if (s.getNode() instanceof Path line && c.isEmpty()) {
                line.getElements().clear(); // an emptied series' line stays drawn otherwise
            }
        }
        cpu.getData().setAll(c);
        gc.getData().setAll(g);
        chart.setTitle(title(vm, samples));
        chart.requestLayout();
    }

    /** "CPU of worker-1 · 12 threads · 37%", or "CPU" without a worker or figures. */
    static String title(WorkerViewModel vm, List<WorkerStats> samples) {
        if (vm == null) {
            return "CPU";
        }
        if (samples.size() < 2) {
            return "CPU of " + vm.name();
        }
        WorkerStats last = samples.get(samples.size() - 1);
        double load = last.cpuLoadSince(samples.get(samples.size() - 2));
        return String.format(Locale.ROOT, "CPU of %s · %d threads · %.0f%%", vm.name(), last.threads(), percent(load));
    }

    private static double percent(double share) {
        return Math.round(share * 1000) / 10.0;
    }

    public LineChart<Number, Number> node() {
        return chart;
    }

    /** Points in the CPU series (for tests). */
    public int pointCount() {
        return cpu.getData().size();
    }
}
