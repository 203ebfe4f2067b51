package dev.kiln.app.view;

import dev.kiln.app.command.Command;
import dev.kiln.app.model.Notice;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import javafx.animation.FadeTransition;
import javafx.animation.PauseTransition;
import javafx.animation.SequentialTransition;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;

/**
 * The line under the window: the selected worker (name, pid, state, queued runs, last run time,
 * launch time), then what the user should know now ({@code #statusMessage}): the selected worker's
 * own last notice or one that belongs to no worker, whichever is newer. Errors show in the theme's
 * danger colour ({@code .status-error}) until replaced; information is neutral ({@code .status-info})
 * and fades out after {@link #INFO_SHOWN} (then it is dismissed).
 */
public final class StatusBarView extends HBox {
    /** How long information stays before it fades. */
    public static final Duration INFO_SHOWN = Duration.seconds(4);

    private static final Duration FADE = Duration.millis(600);

    private final WorkbenchViewModel workbench;
    private final Label status = new Label();
    private final Label message = new Label();
    private final InvalidationListener refresh = o -> refresh();
    private WorkerViewModel shown;
    private SequentialTransition fading;

    public StatusBarView(WorkbenchViewModel workbench) {
        super(12);
        this.workbench = workbench;
        getChildren().addAll(status, message);
        setId("statusBar");
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(3, 8, 3, 8));
        status.setId("statusText");
        status.setMinWidth(USE_PREF_SIZE);
        message.setId("statusMessage");
        message.getStyleClass().add("status-message");
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        workbench.shownNoticeProperty().addListener((o, was, now) -> showNotice(now));
        showNotice(workbench.shownNoticeProperty().get());
        workbench.selectedProperty().addListener((o, was, now) -> show(now));
        workbench.firstWorkerStartingProperty().addListener(refresh);
        show(workbench.selected());
    }

    private void showNotice(Notice n) {
        if (fading != null) {
            fading.stop();
            fading = null;
        }
        message.setOpacity(1);
        message.getStyleClass().removeAll("status-error", "status-info");
        if (n == null) {
            message.setText("");
            message.setTooltip(null);
            return;
        }
        // One line in the bar; the whole text (a start failure's reason can be long) in the tooltip.
        String text = n.text();
        int nl = text.indexOf('\n');
        message.setText(nl < 0 ? text : text.substring(0, nl) + " …");
        message.setTooltip(new Tooltip(text));
        message.getStyleClass().add(n.isError() ? "status-error" : "status-info");
        if (!n.isError()) {
            FadeTransition out = new FadeTransition(FADE, message);
            out.setToValue(0);
            fading = new SequentialTransition(new PauseTransition(INFO_SHOWN), out);
            fading.setOnFinished(e -> workbench.dismiss(n));
            fading.play();
        }
    }

    private void show(WorkerViewModel s) {
        if (shown != null) {
            for (Observable o : watched(shown)) {
                o.removeListener(refresh);
            }
        }
        shown = s;
        if (s != null) {
            for (Observable o : watched(s)) {
                o.addListener(refresh);
            }
        }
        refresh();
    }

    private static Observable[] watched(WorkerViewModel s) {
        return new Observable[] {
            s.stateProperty(),
            s.lastRunTimeProperty(),
            s.launchTimeProperty(),
            s.pendingRunsProperty(),
            s.exitCodeProperty(),
            s.startedProperty()
        };
    }

    private void refresh() {
        WorkerViewModel s = shown;
        if (s == null) {
            status.setText(
                    workbench.firstWorkerStartingProperty().get()
                            ? "Starting a worker for you… " + Command.RUN.labelWithShortcut()
                                    + " runs the editor's code in it once it is ready"
                            : "No worker selected: " + Command.NEW_WORKER.labelWithShortcut() + " starts one");
            return;
        }
        StringBuilder b = new StringBuilder(s.name())
                .append(" · pid ")
                .append(s.pid())
                .append(" · ")
                .append(
                        s.neverStarted()
                                ? "never started"
                                : Format.state(s.state(), s.exitCodeProperty().get()));
        int pending = s.pendingRunsProperty().get();
        if (pending > 1) {
            b.append(" · ").append(pending - 1).append(" queued");
        }
        if (s.lastRunTimeProperty().get() != null) {
            b.append(" · last run ")
                    .append(Format.duration(s.lastRunTimeProperty().get()));
        }
        if (s.launchTimeProperty().get() != null) {
            b.append(" · launched in ")
                    .append(Format.duration(s.launchTimeProperty().get()));
        }
        status.setText(b.toString());
    }
}
