package dev.kiln.app.view;

import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The header bar over each pane of the workbench: its title, then the pane's own controls. The
 * title and every labelled control keep their whole text (never "…"): a narrow pane shrinks
 * its other controls (a search field) and grows no narrower than that.
 */
public final class PaneHeader {
    private PaneHeader() {}

    public static HBox of(String title, Node... controls) {
        return bar(new Label(title), controls);
    }

    /**
     * A header whose title names the selected worker ("Results · worker-1"; just "Results" while
     * none is selected); its title label has the id {@code titleId}. The title is never cut short.
     */
    public static HBox ofWorker(String title, String titleId, WorkbenchViewModel workbench, Node... controls) {
        Label label = new Label();
        label.setId(titleId);
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.textProperty().bind(workerTitle(title, workbench));
        return bar(label, controls);
    }

    /** As {@link #ofWorker}, counting the selected workers while several are ("Results · 2 workers"). */
    public static HBox ofWorkers(String title, String titleId, WorkbenchViewModel workbench, Node... controls) {
        Label label = new Label();
        label.setId(titleId);
        label.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> workbench.chosenWorkers().size() > 1
                                ? title + " · " + workbench.chosenWorkers().size() + " workers"
                                : workerTitle(title, workbench).getValue(),
                        workbench.selectedProperty(),
                        workbench.chosenWorkers()));
        return bar(label, controls);
    }

    /** "{@code title} · worker-1" for the selected worker, {@code title} alone without one. */
    public static ObservableValue<String> workerTitle(String title, WorkbenchViewModel workbench) {
        return Bindings.createStringBinding(
                () -> {
                    WorkerViewModel s = workbench.selected();
                    return s == null ? title : title + " · " + s.name();
                },
                workbench.selectedProperty());
    }

    private static HBox bar(Label label, Node... controls) {
        label.getStyleClass().add("pane-title");
        label.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(6, label);
        // Buttons stay readable; a text field gives way.
        for (Node c : controls) {
            if (c instanceof Button b) {
                b.setMinWidth(Region.USE_PREF_SIZE);
            } else if (c instanceof TextField t) {
                t.setMinWidth(40);
            }
        }
        bar.getChildren().addAll(controls);
        for (Node c : controls) {
            if (c instanceof Labeled l) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 6, 4, 6));
        bar.getStyleClass().add("pane-header");
        return bar;
    }
}
