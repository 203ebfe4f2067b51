package dev.kiln.app.view;

import dev.kiln.app.model.ViewOptions;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;

/**
 * The window's three columns: the side (workers and details), the editor with results and
 * output, and the charts over the tabs that look inside a worker ({@link SidePane}), which
 * {@link ViewOptions#chartShownProperty()} hides and shows.
 * The side and the chart get widths in ems (they follow the zoom), held within a share of the
 * window so that the editor's column keeps the most room at every size; a width the user drags
 * a divider to is kept as a share of the window. Minimum widths (in {@code kiln.css}) keep every
 * pane's header whole.
 */
public final class WorkbenchLayout {
    /** The side's width, in ems, and its share of the window at least and at most. */
    static final double SIDE_EM = 18;

    static final double SIDE_MIN_SHARE = 0.15;
    static final double SIDE_MAX_SHARE = 0.22;
    /** The chart's width, in ems, and its share of the window at least and at most. */
    static final double CHART_EM = 24;

    static final double CHART_MIN_SHARE = 0.15;
    static final double CHART_MAX_SHARE = 0.25;

    private final SplitPane columns = new SplitPane();
    private final Node side;
    private final Node center;
    private final Node chart;
    private final ViewOptions view;
    /** The shares the user dragged the side and the chart to; negative: the default for the zoom. */
    private double sideShare = -1;

    private double chartShare = -1;

    public WorkbenchLayout(Node side, Node center, Node chart, ViewOptions view) {
        this.side = side;
        this.center = center;
        this.chart = chart;
        this.view = view;
        columns.setId("columns");
        showChart(view.chartShownProperty().get());
        view.chartShownProperty().addListener((o, was, now) -> {
            showChart(now);
            resize();
        });
        // Widths in ems need the new font applied first: sized on the next pulse.
        view.fontSizeProperty().addListener((o, was, now) -> {
            sideShare = -1;
            chartShare = -1;
            Platform.runLater(this::resize);
        });
        columns.widthProperty().addListener((o, was, now) -> resize());
        // A divider the user dragged: its place is kept, as a share of the window.
        columns.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (onDivider(e.getTarget())) {
                Platform.runLater(this::rememberDragged);
            }
        });
    }

    /** The columns, to put in the window. */
    public SplitPane node() {
        return columns;
    }

    private void showChart(boolean shown) {
        if (shown) {
            columns.getItems().setAll(side, center, chart);
        } else {
            columns.getItems().setAll(side, center);
        }
    }

    /** Gives the side and the chart their widths for the current zoom and window width. */
    private void resize() {
        double w = columns.getWidth();
        if (w <= 0) {
            return;
        }
        double em = view.fontSize();
        double left = sideShare >= 0 ? sideShare * w : clamp(SIDE_EM * em, SIDE_MIN_SHARE * w, SIDE_MAX_SHARE * w);
        if (view.chartShownProperty().get()) {
            double right =
                    chartShare >= 0 ? chartShare * w : clamp(CHART_EM * em, CHART_MIN_SHARE * w, CHART_MAX_SHARE * w);
            columns.setDividerPositions(left / w, (w - right) / w);
        } else {
            columns.setDividerPositions(left / w);
        }
    }

    private void rememberDragged() {
        double[] at = columns.getDividerPositions();
        sideShare = at[0];
        if (at.length > 1) {
            chartShare = 1 - at[1];
        }
    }

    private static boolean onDivider(Object target) {
        for (Node n = target instanceof Node t ? t : null; n != null; n = n.getParent()) {
            if (n.getStyleClass().contains("split-pane-divider")) {
                return true;
            }
        }
        return false;
    }

    static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
