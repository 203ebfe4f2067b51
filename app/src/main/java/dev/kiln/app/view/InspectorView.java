package dev.kiln.app.view;

import dev.kiln.KilnException;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;

/**
 * What the tabs of the side pane share: they show the selected worker, ask it in the background
 * (never on the FX thread), show an answer only if it is still about the worker shown, and say in a
 * status line when the answer was taken or why there is none. A tab asks only while it is
 * {@link #activeProperty() active} (selected), so hidden tabs cost the worker nothing.
 *
 * @param <T> what the tab asks the worker for
 */
abstract class InspectorView<T> extends BorderPane {
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** The status line under the tab's header. */
    final Label status = new Label();

    private final BooleanProperty active = new SimpleBooleanProperty(this, "active");
    private final InvalidationListener stateChanged = o -> stateChanged();
    private final String noun;
    private WorkerViewModel shown;
    private CompletableFuture<?> inFlight;
    private boolean askAgain;

    /** @param noun what the tab shows, for its status line ("threads", "variables"...) */
    InspectorView(WorkbenchViewModel workbench, String noun, String statusId) {
        this.noun = noun;
        status.setId(statusId);
        status.getStyleClass().add("inspector-status");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        getStyleClass().add("inspector");
        workbench.selectedProperty().addListener((o, was, now) -> show(now));
        active.addListener((o, was, now) -> {
            if (now) {
                refresh();
            }
            shownChanged();
        });
        Platform.runLater(() -> show(workbench.selected()));
    }

    /**
     * The tab's controls in a row that wraps when the column is narrow (the tab names the pane, so no
     * title): a button is never cut short.
     */
    static FlowPane bar(Node... controls) {
        FlowPane bar = new FlowPane(6, 4, controls);
        bar.setPadding(new Insets(4, 6, 4, 6));
        bar.getStyleClass().add("inspector-bar");
        for (Node c : controls) {
            if (c instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        return bar;
    }

    /** Whether the tab is the one showing: only then does it ask the worker. */
    BooleanProperty activeProperty() {
        return active;
    }

    WorkerViewModel shown() {
        return shown;
    }

    private void show(WorkerViewModel vm) {
        if (shown != null) {
            shown.stateProperty().removeListener(stateChanged);
        }
        shown = vm;
        inFlight = null;
        askAgain = false;
        clear();
        if (vm == null) {
            status.setText("No worker selected: its " + noun + " show here");
            shownChanged();
            return;
        }
        vm.stateProperty().addListener(stateChanged);
        status.setText("");
        refresh();
        shownChanged();
    }

    /** The tab now shows another worker (or none), or became active or hidden. */
    void shownChanged() {}

    /** The worker's state changed: by default, a last look when it has finished running. */
    void stateChanged() {
        refresh();
    }

    /** Asks the shown worker again, unless an answer is on its way or the tab is hidden. */
    final void refresh() {
        WorkerViewModel vm = shown;
        if (vm == null || !active.get()) {
            return;
        }
        if (inFlight != null) {
            // Asked again while an answer is on its way: that answer may already be old, so ask once more after it.
            askAgain = true;
            return;
        }
        if (needsRunningWorker()
                && (!vm.state().isLive() || !vm.worker().ready().isDone())) {
            String why = vm.state().isLive() ? " is starting" : " is not running";
            status.setText(whenNotRunning(vm, vm.name() + why));
            return;
        }
        if (!shouldAsk(vm)) {
            return;
        }
        CompletableFuture<T> asked;
        try {
            asked = ask(vm);
        } catch (RuntimeException e) {
            asked = CompletableFuture.failedFuture(e);
        }
        inFlight = asked;
        asked.whenComplete((answer, err) -> Platform.runLater(() -> {
            if (shown != vm) {
                return; // about a worker no longer shown
            }
            inFlight = null;
            if (askAgain) {
                askAgain = false;
                Platform.runLater(this::refresh);
            }
            if (err != null) {
                Throwable e = KilnException.unwrap(err);
                status.setText("Could not get the " + noun + " of " + vm.name() + ": "
                        + (e.getMessage() == null ? e.toString() : e.getMessage()));
                status.getStyleClass().add("inspector-error");
                return;
            }
            status.getStyleClass().remove("inspector-error");
            status.setText(describe(vm, answer) + " · " + CLOCK.format(Instant.now()));
            showAnswer(vm, answer);
        }));
    }

    /** What to say instead of asking a worker that does not run. */
    String whenNotRunning(WorkerViewModel vm, String why) {
        return why + ": start it, or select a running worker, to see its " + noun;
    }

    /** Whether to ask now; a tab whose question costs the worker (a histogram) asks only when told to. */
    boolean shouldAsk(WorkerViewModel vm) {
        return true;
    }

    /** Asks the worker (returns at once). */
    abstract CompletableFuture<T> ask(WorkerViewModel vm);

    /** Shows an answer (on the FX thread). */
    abstract void showAnswer(WorkerViewModel vm, T answer);

    /** The status line for an answer, before its time. */
    abstract String describe(WorkerViewModel vm, T answer);

    /** Forgets what the previous worker showed. */
    abstract void clear();

    /** Whether asking needs a running worker (the history, kept on this side, does not). */
    boolean needsRunningWorker() {
        return true;
    }
}
