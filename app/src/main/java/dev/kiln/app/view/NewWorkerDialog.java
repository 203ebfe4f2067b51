package dev.kiln.app.view;

import dev.kiln.WorkerSpec;
import dev.kiln.platform.Jdk;
import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** New worker (Ctrl+N): name, JDK, max heap, JVM flags, environment, class path, working folder. */
public final class NewWorkerDialog extends Dialog<WorkerSpec> {
    private final TextField name = new TextField();
    private final ComboBox<String> jdk = new ComboBox<>();
    private final TextField heap = new TextField();
    private final TextField flags = new TextField();
    private final TextArea env = new TextArea();
    private final TextArea classpath = new TextArea();
    private final TextField workDir = new TextField();
    private final Label error = new Label();

    public NewWorkerDialog(Window owner) {
        initOwner(owner);
        setTitle("New worker");
        setHeaderText("Start a worker JVM");
        name.setId("newWorkerName");
        heap.setId("newWorkerHeap");
        flags.setId("newWorkerFlags");
        env.setId("newWorkerEnv");
        jdk.setId("newWorkerJdk");
        name.setPromptText("generated (worker-1, …)");
        jdk.setEditable(true);
        jdk.setMaxWidth(Double.MAX_VALUE);
        String running = System.getProperty("java.home");
        jdk.setValue(running);
        jdk.setItems(FXCollections.observableArrayList(running));
        // Scanning folders can be slow on network drives: off the FX thread.
        CompletableFuture.supplyAsync(Jdk::installed)
                .thenAccept(list -> Platform.runLater(() -> {
                    String v = jdk.getValue();
                    jdk.setItems(FXCollections.observableArrayList(
                            list.stream().map(j -> j.home().toString()).toList()));
                    jdk.setValue(v);
                }));
        heap.setPromptText("e.g. 512m (empty: the JVM's default)");
        flags.setPromptText("e.g. -XX:+UseSerialGC -Dfoo=bar");
        env.setPromptText("NAME=value, one per line");
        env.setPrefRowCount(3);
        classpath.setPromptText("jars or class folders, one per line");
        classpath.setPrefRowCount(2);
        workDir.setPromptText("empty: the app's working folder");
        error.getStyleClass().add("danger");
        error.setWrapText(true);

        Button browseJdk = new Button("Browse…");
        browseJdk.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("Choose a JDK folder (the one containing bin/java)");
            File f = c.showDialog(getDialogPane().getScene().getWindow());
            if (f != null) {
                jdk.setValue(f.getAbsolutePath());
            }
        });
        Button addJar = new Button("Add…");
        addJar.setOnAction(e -> {
            FileChooser c = new FileChooser();
            c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Jars", "*.jar"));
            var files = c.showOpenMultipleDialog(getDialogPane().getScene().getWindow());
            if (files != null) {
                for (File f : files) {
                    classpath.appendText((classpath.getText().isEmpty() ? "" : "\n") + f.getAbsolutePath());
                }
            }
        });
        Button browseDir = new Button("Browse…");
        browseDir.setOnAction(e -> {
            File f =
                    new DirectoryChooser().showDialog(getDialogPane().getScene().getWindow());
            if (f != null) {
                workDir.setText(f.getAbsolutePath());
            }
        });

        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.setPadding(new Insets(10));
        int r = 0;
        g.addRow(r++, new Label("Name"), name);
        g.addRow(r++, new Label("JDK"), grow(jdk, browseJdk));
        g.addRow(r++, new Label("Max heap"), heap);
        g.addRow(r++, new Label("JVM flags"), flags);
        g.addRow(r++, new Label("Environment"), env);
        g.addRow(r++, new Label("Class path"), grow(classpath, addJar));
        g.addRow(r++, new Label("Working folder"), grow(workDir, browseDir));
        g.add(error, 0, r, 2, 1);
        GridPane.setHgrow(name, Priority.ALWAYS);
        getDialogPane().setContent(g);
        getDialogPane().setPrefWidth(560);

        ButtonType start = new ButtonType("Start", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(start, ButtonType.CANCEL);
        // Validate before closing: a wrong field keeps the dialog open and says what to fix.
        getDialogPane().lookupButton(start).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            try {
                form().toSpec();
            } catch (IllegalArgumentException ex) {
                error.setText(ex.getMessage());
                e.consume();
            }
        });
        setResultConverter(bt -> bt == start ? form().toSpec() : null);
        Platform.runLater(name::requestFocus);
    }

    private static HBox grow(javafx.scene.Node main, Button side) {
        HBox.setHgrow(main, Priority.ALWAYS);
        HBox h = new HBox(6, main, side);
        return h;
    }

    private SpecForm form() {
        String home = jdk.getEditor().getText();
        if (home == null || home.isBlank()) {
            home = jdk.getValue();
        }
        // The running JDK is the default: leave it unset so the spec says "the host's".
        if (home != null
                && Path.of(home)
                        .toAbsolutePath()
                        .normalize()
                        .equals(Path.of(System.getProperty("java.home"))
                                .toAbsolutePath()
                                .normalize())) {
            home = null;
        }
        return new SpecForm(
                name.getText(),
                home,
                heap.getText(),
                flags.getText(),
                env.getText(),
                classpath.getText(),
                workDir.getText());
    }
}
