package dev.kiln.app.view;

import dev.kiln.WorkerSpec;
import dev.kiln.app.model.Background;
import dev.kiln.app.model.DependencyResolution;
import dev.kiln.app.model.JvmFlagCheck;
import dev.kiln.app.model.Ui;
import dev.kiln.platform.Jdk;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * New worker (Ctrl+N): host, name, JDK, max heap, JVM flags, environment, class path, Maven
 * dependencies, working folder, low CPU priority (checked by default); for a worker on another machine, the SSH identity file and known
 * hosts file. The Host field offers the hosts used last (most recent first); while it is empty the
 * worker runs on this machine and the SSH fields are greyed out; while it names a machine, the
 * JDK and the working folder are folders there (their Browse buttons, which see this machine,
 * are greyed out). The dialog is as big as its content (labels are never cut to "…")
 * and grows with a message. Start first checks the form, then, off the FX thread, asks the chosen
 * JVM whether it starts with the flags ({@link JvmFlagCheck}), then resolves the dependencies,
 * showing the file being fetched ({@code #newWorkerProgress}); a wrong field, a refused flag or a
 * dependency that cannot be resolved keeps the dialog open with the reason in full
 * ({@code #newWorkerError}).
 */
public final class NewWorkerDialog extends Dialog<WorkerSpec> {
    private final ComboBox<String> host = new ComboBox<>();
    private final TextField sshIdentity = new TextField();
    private final TextField sshKnownHosts = new TextField();
    private final TextField name = new TextField();
    private final ComboBox<String> jdk = new ComboBox<>();
    private final TextField heap = new TextField();
    private final TextField flags = new TextField();
    private final TextArea env = new TextArea();
    private final TextArea classpath = new TextArea();
    private final TextField workDir = new TextField();
    private final TextArea dependencies = new TextArea();
    private final CheckBox lowPriority = new CheckBox("Low CPU priority (keeps the workbench responsive)");
    private final Label message = new Label();
    private final DependencyResolution resolution = new DependencyResolution(Ui.fx());
    private final HBox progress;
    private boolean checking;

    /**
     * @param rememberedDependencies the dependencies given last time, one a line
     * @param recentHosts the Host field's choices, most recent first
     * @param rememberedLowPriority whether Low CPU priority was checked last time (true at first)
     */
    public NewWorkerDialog(
            Window owner, String rememberedDependencies, List<String> recentHosts, boolean rememberedLowPriority) {
        initOwner(owner);
        setTitle("New worker");
        setHeaderText("Start a worker JVM");
        setResizable(true);
        name.setId("newWorkerName");
        host.setId("newWorkerHost");
        sshIdentity.setId("newWorkerSshIdentity");
        sshKnownHosts.setId("newWorkerKnownHosts");
        heap.setId("newWorkerHeap");
        flags.setId("newWorkerFlags");
        env.setId("newWorkerEnv");
        jdk.setId("newWorkerJdk");
        classpath.setId("newWorkerClasspath");
        workDir.setId("newWorkerDir");
        dependencies.setId("newWorkerDependencies");
        lowPriority.setId("newWorkerLowPriority");
        lowPriority.setSelected(rememberedLowPriority);
        dependencies.setPromptText("Maven coordinates, one per line: groupId:artifactId:version");
        dependencies.setPrefRowCount(2);
        dependencies.setText(rememberedDependencies == null ? "" : rememberedDependencies);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.progressProperty().bind(resolution.progressProperty());
        Label fetching = new Label();
        fetching.setId("newWorkerFetching");
        fetching.textProperty().bind(resolution.statusProperty());
        fetching.setWrapText(true);
        fetching.setMinHeight(Region.USE_PREF_SIZE);
        fetching.setPrefWidth(0);
        fetching.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(fetching, Priority.ALWAYS);
        progress = new HBox(8, spinner, fetching);
        progress.setId("newWorkerProgress");
        progress.setVisible(false);
        progress.managedProperty().bind(progress.visibleProperty());
        message.setId("newWorkerError");
        name.setPromptText("generated (worker-1, …)");
        jdk.setEditable(true);
        jdk.setMaxWidth(Double.MAX_VALUE);
        String running = System.getProperty("java.home");
        jdk.setValue(running);
        jdk.setItems(FXCollections.observableArrayList(running));
        // Scanning folders can be slow on network drives: off the FX thread.
        CompletableFuture.supplyAsync(Jdk::installed, Background.POOL)
                .thenAccept(list -> Platform.runLater(() -> {
                    String v = jdk.getValue();
                    jdk.setItems(FXCollections.observableArrayList(
                            list.stream().map(j -> j.home().toString()).toList()));
                    jdk.setValue(v);
                }));
        host.setEditable(true);
        host.setMaxWidth(Double.MAX_VALUE);
        host.setItems(FXCollections.observableArrayList(recentHosts));
        host.setPromptText(SpecForm.HOST_PROMPT);
        sshIdentity.setPromptText("empty: your key in ~/.ssh (id_ed25519, id_ecdsa, id_rsa)");
        sshKnownHosts.setPromptText("empty: ~/.ssh/known_hosts");
        heap.setPromptText(SpecForm.HEAP_PROMPT);
        flags.setPromptText("e.g. -XX:+UseSerialGC -Dfoo=bar");
        env.setPromptText("NAME=value, one per line");
        env.setPrefRowCount(3);
        classpath.setPromptText("jars or class folders, one per line");
        classpath.setPrefRowCount(2);
        workDir.setPromptText(
                "empty: your home folder, " + dev.kiln.app.model.WorkbenchViewModel.defaultWorkingFolder());
        for (TextField f : List.of(name, heap, flags, workDir, sshIdentity, sshKnownHosts)) {
            f.setPrefColumnCount(30);
        }
        for (TextArea a : List.of(env, classpath, dependencies)) {
            a.setPrefColumnCount(30);
        }
        // A long message wraps within the dialog's width instead of widening it or ending in "…".
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.setPrefWidth(0);
        message.setMaxWidth(Double.MAX_VALUE);
        message.setVisible(false);
        message.managedProperty().bind(message.visibleProperty());

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
        Button browseIdentity = new Button("Browse…");
        browseIdentity.setOnAction(e -> chooseSshFile("Choose your private SSH key", sshIdentity));
        Button browseKnownHosts = new Button("Browse…");
        browseKnownHosts.setOnAction(e -> chooseSshFile("Choose a known hosts file", sshKnownHosts));
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
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(labels, fields);
        int r = 0;
        g.addRow(r++, label("Host"), host);
        Label identityLabel = label("Identity file");
        Label knownHostsLabel = label("Known hosts");
        HBox identityRow = grow(sshIdentity, browseIdentity);
        HBox knownHostsRow = grow(sshKnownHosts, browseKnownHosts);
        g.addRow(r++, identityLabel, identityRow);
        g.addRow(r++, knownHostsLabel, knownHostsRow);
        g.addRow(r++, label("Name"), name);
        g.addRow(r++, label("JDK"), grow(jdk, browseJdk));
        g.addRow(r++, label("Max heap"), heap);
        g.addRow(r++, label("JVM flags"), flags);
        g.addRow(r++, top(label("Environment")), env);
        g.addRow(r++, top(label("Class path")), grow(classpath, addJar));
        g.addRow(r++, top(label("Dependencies")), dependencies);
        g.addRow(r++, label("Working folder"), grow(workDir, browseDir));
        g.add(lowPriority, 1, r);
        VBox content = new VBox(10, g, progress, message);
        content.setPadding(new Insets(10));
        getDialogPane().setContent(content);
        getDialogPane().setMinWidth(Region.USE_PREF_SIZE);
        getDialogPane().setMinHeight(Region.USE_PREF_SIZE);

        ButtonType start = new ButtonType("Start", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(start, ButtonType.CANCEL);
        Node startButton = getDialogPane().lookupButton(start);
        startButton.setId("newWorkerStart");
        // The dialog closes only once the form and the JVM's check agree; until then it says what to fix.
        startButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            if (!checking) {
                startChecked(startButton);
            }
        });
        setResultConverter(bt -> null); // Cancel and Escape; Start sets its result itself
        String localDirPrompt = workDir.getPromptText();
        host.getEditor().textProperty().addListener((o, was, now) -> {
            boolean remote = now != null && !now.isBlank();
            boolean wasRemote = was != null && !was.isBlank();
            for (Node n : List.of(identityLabel, identityRow, knownHostsLabel, knownHostsRow)) {
                n.setDisable(!remote);
            }
            browseJdk.setDisable(remote);
            browseDir.setDisable(remote);
            workDir.setPromptText(remote ? "empty: your home folder on that machine" : localDirPrompt);
            jdk.setPromptText(remote ? "empty: its JAVA_HOME, else java on its PATH" : null);
            // This machine's JDK means nothing over there: the default becomes that machine's own.
            if (remote && !wasRemote && running.equals(jdk.getEditor().getText())) {
                jdk.getEditor().setText("");
                jdk.setValue(null);
            } else if (!remote && wasRemote && jdk.getEditor().getText().isBlank()) {
                jdk.setValue(running);
            }
        });
        for (Node n : List.of(identityLabel, identityRow, knownHostsLabel, knownHostsRow)) {
            n.setDisable(true);
        }
        Platform.runLater(name::requestFocus);
    }

    private void startChecked(Node startButton) {
        WorkerSpec spec;
        try {
            spec = form().toSpec();
        } catch (IllegalArgumentException ex) {
            say(ex.getMessage(), true);
            return;
        }
        if (!JvmFlagCheck.needed(spec)) {
            resolveThenFinish(spec, startButton);
            return;
        }
        checking = true;
        startButton.setDisable(true);
        say("Checking that the JVM starts with these flags…", false);
        JvmFlagCheck.check(spec, JvmFlagCheck.TIMEOUT, Background.POOL)
                .thenAccept(problem -> Platform.runLater(() -> {
                    checking = false;
                    startButton.setDisable(false);
                    if (problem.isPresent()) {
                        say(refused(problem.get()), true);
                    } else {
                        resolveThenFinish(spec, startButton);
                    }
                }));
    }

    /** Resolves the dependencies (off the FX thread, the file being fetched shown), then closes with the spec. */
    private void resolveThenFinish(WorkerSpec spec, Node startButton) {
        if (spec.dependencies().isEmpty()) {
            finish(spec);
            return;
        }
        checking = true;
        startButton.setDisable(true);
        message.setVisible(false);
        progress.setVisible(true);
        resolution
                .resolve(spec)
                .whenComplete((jars, err) -> Platform.runLater(() -> {
                    checking = false;
                    startButton.setDisable(false);
                    progress.setVisible(false);
                    if (err != null) {
                        say(
                                DependencyResolution.describe(err)
                                        + " Correct the dependencies (or empty them), then press Start" + " again.",
                                true);
                    } else {
                        finish(spec);
                    }
                }));
    }

    /** A file of ~/.ssh (a key, known hosts) into {@code field}, with the OS's file dialog. */
    private void chooseSshFile(String title, TextField field) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        File ssh = new File(System.getProperty("user.home"), ".ssh");
        if (ssh.isDirectory()) {
            c.setInitialDirectory(ssh);
        }
        File f = c.showOpenDialog(getDialogPane().getScene().getWindow());
        if (f != null) {
            field.setText(f.getAbsolutePath());
        }
    }

    /** The Dependencies field as written, to remember for the next New worker. */
    public String dependenciesText() {
        return dependencies.getText();
    }

    /** The JVM's own reason, and what to do about it. */
    static String refused(String jvmSays) {
        return "The JVM does not start with these settings: " + jvmSays
                + " Correct the max heap or the JVM flags, then press Start again.";
    }

    private void finish(WorkerSpec spec) {
        if (isShowing()) {
            setResult(spec);
            close();
        }
    }

    private void say(String text, boolean error) {
        message.setText(text);
        message.getStyleClass().removeAll("danger", "text-muted");
        message.getStyleClass().add(error ? "danger" : "text-muted");
        message.setVisible(true);
        // Grow the window to the message (it wraps at the dialog's width).
        Optional.ofNullable(getDialogPane().getScene()).map(s -> s.getWindow()).ifPresent(Window::sizeToScene);
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** A label beside a text area: at the area's first line. */
    private static Label top(Label l) {
        GridPane.setValignment(l, VPos.TOP);
        l.setPadding(new Insets(6, 0, 0, 0));
        return l;
    }

    private static HBox grow(Node main, Button side) {
        HBox.setHgrow(main, Priority.ALWAYS);
        side.setMinWidth(Region.USE_PREF_SIZE);
        return new HBox(6, main, side);
    }

    private SpecForm form() {
        String target = host.getEditor().getText();
        boolean remote = target != null && !target.isBlank();
        String home = jdk.getEditor().getText();
        if (!remote && (home == null || home.isBlank())) {
            home = jdk.getValue();
        }
        // The running JDK is the default: leave it unset so the spec says "the host's".
        if (!remote
                && home != null
                && !home.isBlank()
                && Path.of(home.strip())
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
                workDir.getText(),
                dependencies.getText(),
                target,
                sshIdentity.getText(),
                sshKnownHosts.getText(),
                lowPriority.isSelected());
    }
}
