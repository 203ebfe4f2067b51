package dev.kiln.app.view;

import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/**
 * The line under the window: the selected worker (name, pid, state, queued runs, last run time,
 * launch time), then the last message for the user (a failed start, a saved file...).
 */
public final class StatusBarView extends HBox {
    private final Label status = new Label();
    private final InvalidationListener refresh = o -> refresh();
    private WorkerViewModel shown;

    public StatusBarView(WorkbenchViewModel workbench) {
        super(12);
        Label message = new Label();
        getChildren().addAll(status, message);
        setId("statusBar");
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(3, 8, 3, 8));
        status.setId("statusText");
        message.setId("statusMessage");
        message.getStyleClass().add("status-message");
        message.textProperty().bind(workbench.messageProperty());
        workbench.selectedProperty().addListener((o, was, now) -> show(now));
        show(workbench.selected());
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
            s.exitCodeProperty()
        };
    }

    private void refresh() {
        WorkerViewModel s = shown;
        if (s == null) {
            status.setText("No worker selected");
            return;
        }
        StringBuilder b = new StringBuilder(s.name())
                .append(" · pid ")
                .append(s.pid())
                .append(" · ")
                .append(Format.state(s.state(), s.exitCodeProperty().get()));
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
