package dev.kiln.app.view;

import dev.kiln.app.model.DependencyResolution;
import dev.kiln.app.model.Notice;
import dev.kiln.app.model.Ui;
import dev.kiln.app.model.WorkerViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Add dependency… on a running worker: Maven coordinates, one a line, resolved in the background
 * (the file being fetched beside a progress indicator, {@code #addDependencyProgress}) and added to
 * the worker, whose next snippets can import them. A line that is not a coordinate, or one that
 * cannot be resolved, keeps the dialog open with the reason ({@code #addDependencyError}).
 */
public final class AddDependencyDialog extends Dialog<Void> {
    private final TextArea coordinates = new TextArea();
    private final Label error = new Label();
    private final ProgressIndicator spinner = new ProgressIndicator();
    private final Label status = new Label();
    private final HBox progress = new HBox(8, spinner, status);
    private final WorkerViewModel worker;
    private final DependencyResolution resolution = new DependencyResolution(Ui.fx());
    private boolean running;

    public AddDependencyDialog(Window owner, WorkerViewModel worker) {
        this.worker = worker;
        initOwner(owner);
        setTitle("Add dependency");
        setHeaderText("Add Maven libraries to " + worker.name());
        setResizable(true);
        coordinates.setId("addDependencyCoordinates");
        coordinates.setPromptText(
                "groupId:artifactId:version, one a line\ne.g. org.apache.commons:commons-lang3:3.14.0");
        coordinates.setPrefRowCount(4);
        coordinates.setPrefColumnCount(40);
        error.setId("addDependencyError");
        error.getStyleClass().add("danger");
        progress.setId("addDependencyProgress");
        status.setId("addDependencyStatus");
        spinner.setPrefSize(18, 18);
        spinner.progressProperty().bind(resolution.progressProperty());
        status.textProperty().bind(resolution.statusProperty());
        for (Label l : List.of(error, status)) {
            // A long message wraps within the dialog's width instead of widening it or ending in "…".
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.setPrefWidth(0);
            l.setMaxWidth(Double.MAX_VALUE);
        }
        for (Node n : List.of(error, progress)) {
            n.setVisible(false);
            n.managedProperty().bind(n.visibleProperty());
        }
        HBox.setHgrow(status, javafx.scene.layout.Priority.ALWAYS);
        Label hint = new Label("Fetched with their own dependencies into the local Maven repository (as Maven does),"
                + " then added to the worker's class path.");
        hint.setWrapText(true);
        hint.setPrefWidth(0);
        hint.setMaxWidth(Double.MAX_VALUE);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        hint.getStyleClass().add("text-muted");
        VBox content = new VBox(8, coordinates, hint, progress, error);
        content.setPadding(new Insets(10));
        getDialogPane().setContent(content);
        getDialogPane().setMinWidth(Region.USE_PREF_SIZE);
        getDialogPane().setMinHeight(Region.USE_PREF_SIZE);

        ButtonType add = new ButtonType("Add", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(add, ButtonType.CANCEL);
        Node addButton = getDialogPane().lookupButton(add);
        addButton.setId("addDependencyAdd");
        // The dialog closes once the worker has the jars; until then it shows how far it has come, or what to fix.
        addButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            if (!running) {
                addChecked(addButton);
            }
        });
        setResultConverter(bt -> null);
        javafx.application.Platform.runLater(coordinates::requestFocus);
    }

    private void addChecked(Node addButton) {
        List<String> wanted;
        try {
            wanted = DependencyResolution.coordinates(coordinates.getText());
        } catch (IllegalArgumentException ex) {
            fail(ex.getMessage() + ". Write one coordinate a line.");
            return;
        }
        if (wanted.isEmpty()) {
            fail("Write a Maven coordinate, e.g. org.apache.commons:commons-lang3:3.14.0, then press Add.");
            return;
        }
        running = true;
        addButton.setDisable(true);
        error.setVisible(false);
        progress.setVisible(true);
        resize();
        resolution
                .addTo(worker.worker(), wanted)
                .whenComplete((jars, err) -> Ui.fx().post(() -> {
                    running = false;
                    addButton.setDisable(false);
                    progress.setVisible(false);
                    if (err != null) {
                        fail(DependencyResolution.describe(err));
                        return;
                    }
                    worker.tell(Notice.info(added(worker.name(), wanted, jars)));
                    if (isShowing()) {
                        close();
                    }
                }));
    }

    /** What the status bar says once a worker has its new jars. */
    static String added(String workerName, List<String> wanted, List<Path> jars) {
        if (jars.isEmpty()) {
            return workerName + " already had " + String.join(", ", wanted) + " on its class path";
        }
        return "Added to " + workerName + ": "
                + jars.stream().map(p -> String.valueOf(p.getFileName())).collect(Collectors.joining(", "));
    }

    private void fail(String text) {
        error.setText(text);
        error.setVisible(true);
        resize();
    }

    private void resize() {
        Optional.ofNullable(getDialogPane().getScene()).map(s -> s.getWindow()).ifPresent(Window::sizeToScene);
    }
}
