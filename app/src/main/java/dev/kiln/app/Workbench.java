package dev.kiln.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.kiln.WorkerState;
import dev.kiln.app.editor.CodeEditor;
import dev.kiln.app.model.Background;
import dev.kiln.app.model.ResultEntry;
import dev.kiln.app.model.Ui;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import dev.kiln.app.view.DetailsView;
import dev.kiln.app.view.Format;
import dev.kiln.app.view.MemoryChartView;
import dev.kiln.app.view.NewWorkerDialog;
import dev.kiln.app.view.OutputView;
import dev.kiln.app.view.PaneHeader;
import dev.kiln.app.view.ResultsView;
import dev.kiln.app.view.WorkerTreeView;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The workbench window: builds the views over a {@link WorkbenchViewModel}, wires the
 * toolbar and shortcuts to its commands, and owns the window's life (settings restored on
 * show, saved and every worker stopped on close). {@link KilnApp} and the UI tests both
 * start it on a stage of their own.
 */
public final class Workbench {
    static final String DEFAULT_TEXT = """
            // Ctrl+Enter runs the selection, or all of it, in the worker.
            var blocks = new ArrayList<byte[]>();
            for (int i = 1; i <= 6; i++) {
                blocks.add(new byte[32 << 20]);
                System.out.println("holding " + i * 32 + " MB");
                Thread.sleep(500);
            }
            System.err.println("stderr shows in red");
            blocks.size() * 32 + " MB held"
            """;

    private final Stage stage;
    private final Settings settings;
    private final WorkbenchViewModel vm = new WorkbenchViewModel(Ui.fx());
    private final CodeEditor editor = new CodeEditor(Background.POOL);
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark");
    private final Label status = new Label();
    private final Label message = new Label();
    private final Map<KeyCombination, Runnable> shortcuts = new LinkedHashMap<>();
    private final InvalidationListener statusRefresh = this::refreshStatus;
    private WorkerViewModel statusOf;
    private MemoryChartView chart;
    private Path currentFile;
    private boolean closing;

    private Workbench(Stage stage, Settings settings) {
        this.stage = stage;
        this.settings = settings;
    }

    /** Builds the window on {@code stage} and shows it; {@code afterClose} runs once every worker is gone. */
    public static Workbench show(Stage stage, Settings settings, Runnable afterClose) {
        Workbench w = new Workbench(stage, settings);
        w.build(afterClose);
        return w;
    }

    private void build(Runnable afterClose) {
        // ---------------------------------------------------------------- toolbar
        SplitMenuButton newButton = new SplitMenuButton();
        newButton.setId("newWorkerButton");
        newButton.setText("New worker");
        newButton.setGraphic(icon(Feather.PLUS));
        newButton.setOnAction(e -> newDefault());
        MenuItem custom = new MenuItem("New worker…  (Ctrl+N)");
        custom.setOnAction(e -> newWithDialog());
        newButton.getItems().add(custom);
        newButton.setTooltip(
                new Tooltip("Start a worker with defaults (Ctrl+Shift+N); the arrow opens New worker… (Ctrl+N)"));

        Button run = button(
                "runButton", "Run", Feather.PLAY, "Run the selection or the whole editor (Ctrl+Enter)", this::run);
        run.getStyleClass().add("run-button");
        Button interrupt = button(
                "interruptButton",
                "Interrupt",
                Feather.PAUSE,
                "Interrupt the running code; the worker lives on (Ctrl+.)",
                () -> withSelected(WorkerViewModel::interrupt));
        Button stop = button(
                "stopButton",
                "Stop",
                Feather.SQUARE,
                "Stop the worker gracefully (Ctrl+F2)",
                () -> withSelected(WorkerViewModel::stop));
        Button kill = button(
                "killButton",
                "Kill",
                Feather.X_OCTAGON,
                "Kill the worker's process, after asking (Ctrl+Shift+F2)",
                this::confirmKill);
        kill.getStyleClass().add("kill-button");
        Button restart = button(
                "restartButton",
                "Restart",
                Feather.ROTATE_CW,
                "Restart: a new process with the same settings (Ctrl+F5)",
                this::restart);
        Button open = button("openButton", null, Feather.FOLDER, "Open a .jsh file (Ctrl+O)", this::open);
        Button save = button("saveButton", null, Feather.SAVE, "Save the editor as a .jsh file (Ctrl+S)", this::save);
        Button zoomOut =
                button("zoomOutButton", null, Feather.ZOOM_OUT, "Smaller font (Ctrl+-)", () -> editor.zoom(-2));
        Button zoomIn = button("zoomInButton", null, Feather.ZOOM_IN, "Bigger font (Ctrl+=)", () -> editor.zoom(2));
        Button theme = button(
                "themeButton", null, Feather.MOON, "Light or dark theme (Ctrl+Shift+L)", () -> dark.set(!dark.get()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        ToolBar toolbar = new ToolBar(
                newButton,
                new Separator(Orientation.VERTICAL),
                run,
                interrupt,
                stop,
                kill,
                restart,
                grow,
                open,
                save,
                new Separator(Orientation.VERTICAL),
                zoomOut,
                zoomIn,
                theme);

        // Buttons follow the selected worker's state.
        InvalidationListener enable = o -> {
            WorkerViewModel s = vm.selected();
            boolean live = s != null && s.state().isLive();
            run.setDisable(!live);
            interrupt.setDisable(!live);
            stop.setDisable(!live);
            kill.setDisable(s == null || s.state() == WorkerState.EXITED);
            restart.setDisable(s == null);
        };
        vm.selectedProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.stateProperty().removeListener(enable);
            }
            if (now != null) {
                now.stateProperty().addListener(enable);
            }
            enable.invalidated(o);
        });
        enable.invalidated(null);

        // ---------------------------------------------------------------- layout
        WorkerTreeView tree = new WorkerTreeView(vm);
        DetailsView details = new DetailsView(vm);
        VBox left = new VBox(PaneHeader.of("Workers"), tree, PaneHeader.of("Details"), details);
        VBox.setVgrow(tree, Priority.ALWAYS);
        left.getStyleClass().add("side");

        ResultsView results = new ResultsView(vm, this::reuse);
        OutputView output = new OutputView(vm);
        SplitPane bottom = new SplitPane(results, output);
        bottom.setDividerPositions(0.45);
        SplitPane center = new SplitPane(editor, bottom);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.55);

        chart = new MemoryChartView(vm);
        SplitPane main = new SplitPane(left, center, chart.node());
        main.setDividerPositions(0.24, 0.745);
        SplitPane.setResizableWithParent(left, false);

        HBox statusBar = new HBox(12, status, message);
        statusBar.setId("statusBar");
        statusBar.getStyleClass().add("status-bar");
        statusBar.setAlignment(Pos.CENTER_LEFT);
        statusBar.setPadding(new Insets(3, 8, 3, 8));
        status.setId("statusText");
        message.setId("statusMessage");
        message.getStyleClass().add("status-message");
        message.textProperty().bind(vm.messageProperty());
        vm.selectedProperty().addListener((o, was, now) -> watchStatus(now));
        watchStatus(null);

        BorderPane root = new BorderPane(main, toolbar, null, statusBar, null);
        root.getStyleClass().add("kiln-root");

        // ---------------------------------------------------------------- editor
        String saved = settings.editorText();
        editor.setText(saved != null ? saved : DEFAULT_TEXT);
        editor.fontSizeProperty().set((int) settings.getDouble("font.size", 14));
        editor.setCompletionSource((text, caret) -> {
            WorkerViewModel s = vm.selected();
            return s == null ? CompletableFuture.completedFuture(java.util.List.of()) : s.completions(text, caret);
        });

        // ---------------------------------------------------------------- scene
        Scene scene =
                new Scene(root, settings.getDouble("window.width", 1280), settings.getDouble("window.height", 800));
        scene.getStylesheets().add(Workbench.class.getResource("kiln.css").toExternalForm());
        shortcut("Shortcut+Enter", this::run);
        shortcut("Shortcut+N", this::newWithDialog);
        shortcut("Shortcut+Shift+N", this::newDefault);
        shortcut("Shortcut+Period", () -> withSelected(WorkerViewModel::interrupt));
        shortcut("Shortcut+F2", () -> withSelected(WorkerViewModel::stop));
        shortcut("Shortcut+Shift+F2", this::confirmKill);
        shortcut("Shortcut+F5", this::restart);
        shortcut("Shortcut+O", this::open);
        shortcut("Shortcut+S", this::save);
        shortcut("Shortcut+Equals", () -> editor.zoom(2));
        shortcut("Shortcut+Plus", () -> editor.zoom(2));
        shortcut("Shortcut+Add", () -> editor.zoom(2));
        shortcut("Shortcut+Minus", () -> editor.zoom(-2));
        shortcut("Shortcut+Subtract", () -> editor.zoom(-2));
        shortcut("Shortcut+Shift+L", () -> dark.set(!dark.get()));
        // Quit goes through the same path as the window's close button: stop every worker, then exit.
        // Later, not inside the key event: closing the window while GTK still handles the key crashed
        // the JVM in WindowContextBase::process_key (about 1 Ctrl+Q in 3 under Xvfb).
        shortcut(
                "Shortcut+Q",
                () -> Platform.runLater(() -> stage.fireEvent(
                        new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST))));
        // A filter, so the editor cannot swallow Ctrl+Enter and friends first.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            for (Map.Entry<KeyCombination, Runnable> s : shortcuts.entrySet()) {
                if (s.getKey().match(e)) {
                    e.consume();
                    s.getValue().run();
                    return;
                }
            }
        });

        dark.addListener((o, was, now) -> applyTheme(now, root, theme));
        dark.set("dark".equals(settings.get("theme", "light")));
        applyTheme(dark.get(), root, theme);

        stage.setTitle("Kiln");
        stage.setScene(scene);
        icons(stage);
        stage.setOnCloseRequest(e -> {
            e.consume();
            close().whenComplete((v, err) -> Platform.runLater(afterClose));
        });
        stage.show();
        editor.area().requestFocus();
    }

    private Button button(String id, String text, Feather icon, String tip, Runnable action) {
        Button b = new Button(text, icon(icon));
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private static FontIcon icon(Feather f) {
        FontIcon i = new FontIcon(f);
        i.getStyleClass().add("tool-icon");
        return i;
    }

    private void shortcut(String combination, Runnable action) {
        shortcuts.put(KeyCombination.keyCombination(combination), action);
    }

    private void applyTheme(boolean isDark, BorderPane root, Button themeButton) {
        Application.setUserAgentStylesheet(
                isDark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        root.getStyleClass().removeAll("dark", "light");
        root.getStyleClass().add(isDark ? "dark" : "light");
        themeButton.setGraphic(icon(isDark ? Feather.SUN : Feather.MOON));
    }

    private void icons(Stage s) {
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256, 512}) {
            try (InputStream in = Workbench.class.getResourceAsStream("icons/kiln-" + size + ".png")) {
                if (in != null) {
                    s.getIcons().add(new Image(in));
                }
            } catch (IOException ignored) {
                // a missing size is not worth failing the window for
            }
        }
    }

    // -------------------------------------------------------------------- commands

    private void newDefault() {
        vm.newWorker(WorkbenchViewModel.defaultSpec());
    }

    private void newWithDialog() {
        new NewWorkerDialog(stage).showAndWait().ifPresent(vm::newWorker);
    }

    private void run() {
        WorkerViewModel s = vm.selected();
        if (s == null) {
            vm.say("No worker selected: start one with New worker (Ctrl+Shift+N)");
            return;
        }
        CodeEditor.Snippet snippet = editor.snippetToRun();
        if (snippet.source().isBlank()) {
            return;
        }
        editor.errors().clear();
        ResultEntry entry = s.run(snippet.source(), snippet.offset());
        entry.statusProperty().addListener((o, was, now) -> {
            if (now == ResultEntry.Status.ERROR
                    && !entry.diagnostics().isEmpty()
                    && vm.selected() == s
                    && editor.getText().startsWith(snippet.source(), snippet.offset())) {
                editor.showErrors(entry.diagnostics(), snippet.offset());
            }
        });
    }

    private void reuse(ResultEntry e) {
        editor.setText(e.source());
        editor.area().requestFocus();
    }

    private void withSelected(java.util.function.Consumer<WorkerViewModel> action) {
        WorkerViewModel s = vm.selected();
        if (s != null) {
            action.accept(s);
        }
    }

    private void confirmKill() {
        WorkerViewModel s = vm.selected();
        if (s == null || s.state() == WorkerState.EXITED) {
            return;
        }
        ButtonType killIt = new ButtonType("Kill", ButtonBar.ButtonData.OK_DONE);
        Alert a = new Alert(
                Alert.AlertType.CONFIRMATION,
                "Kill " + s.name() + " (pid " + s.pid()
                        + ")? Its process ends at once; running code and unsaved state in it are lost.",
                killIt,
                ButtonType.CANCEL);
        a.setTitle("Kill worker");
        a.setHeaderText("Kill " + s.name() + "?");
        a.initOwner(stage);
        a.getDialogPane().setId("killDialog");
        // Not showAndWait: no nested event loop, the answer comes back as an event.
        a.setOnHidden(e -> {
            if (a.getResult() == killIt) {
                s.kill();
            }
        });
        a.show();
    }

    private void restart() {
        WorkerViewModel s = vm.selected();
        if (s != null) {
            vm.restart(s);
        }
    }

    private void open() {
        FileChooser c = jshChooser("Open a .jsh file");
        File f = c.showOpenDialog(stage);
        if (f == null) {
            return;
        }
        CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return Files.readString(f.toPath(), StandardCharsets.UTF_8);
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        },
                        Background.POOL)
                .whenComplete((text, err) -> Platform.runLater(() -> {
                    if (err != null) {
                        vm.say("Could not open " + f + ": " + err.getCause().getMessage());
                    } else {
                        editor.setText(text);
                        currentFile = f.toPath();
                        stage.setTitle("Kiln — " + f.getName());
                    }
                }));
    }

    private void save() {
        FileChooser c = jshChooser("Save as .jsh");
        if (currentFile != null) {
            c.setInitialDirectory(currentFile.getParent().toFile());
            c.setInitialFileName(currentFile.getFileName().toString());
        }
        File f = c.showSaveDialog(stage);
        if (f == null) {
            return;
        }
        String text = editor.getText();
        CompletableFuture.runAsync(
                        () -> {
                            try {
                                Files.writeString(f.toPath(), text, StandardCharsets.UTF_8);
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        },
                        Background.POOL)
                .whenComplete((v, err) -> Platform.runLater(() -> {
                    if (err != null) {
                        vm.say("Could not save " + f + ": " + err.getCause().getMessage());
                    } else {
                        currentFile = f.toPath();
                        stage.setTitle("Kiln — " + f.getName());
                        vm.say("Saved " + f);
                    }
                }));
    }

    private static FileChooser jshChooser(String title) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters()
                .addAll(
                        new FileChooser.ExtensionFilter("JShell scripts", "*.jsh"),
                        new FileChooser.ExtensionFilter("All files", "*.*"));
        return c;
    }

    // -------------------------------------------------------------------- status

    private void watchStatus(WorkerViewModel s) {
        if (statusOf != null) {
            for (Observable o : statusObservables(statusOf)) {
                o.removeListener(statusRefresh);
            }
        }
        statusOf = s;
        if (s != null) {
            for (Observable o : statusObservables(s)) {
                o.addListener(statusRefresh);
            }
        }
        refreshStatus(null);
    }

    private static Observable[] statusObservables(WorkerViewModel s) {
        return new Observable[] {
            s.stateProperty(),
            s.lastRunTimeProperty(),
            s.launchTimeProperty(),
            s.pendingRunsProperty(),
            s.exitCodeProperty()
        };
    }

    private void refreshStatus(Observable ignored) {
        WorkerViewModel s = statusOf;
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

    // -------------------------------------------------------------------- life

    /**
     * Saves the settings, hides the window and stops every worker in the background;
     * completes when all are gone. Idempotent.
     */
    public CompletableFuture<Void> close() {
        if (!closing) {
            closing = true;
            settings.put("window.width", stage.getWidth());
            settings.put("window.height", stage.getHeight());
            settings.put("theme", dark.get() ? "dark" : "light");
            settings.put("font.size", editor.fontSizeProperty().get());
            String text = editor.getText();
            stage.hide();
            CompletableFuture<Void> saved = CompletableFuture.runAsync(
                    () -> {
                        try {
                            settings.save(text);
                        } catch (IOException e) {
                            System.getLogger(Workbench.class.getName())
                                    .log(
                                            System.Logger.Level.WARNING,
                                            "could not save settings in " + settings.dir() + ": " + e.getMessage());
                        }
                    },
                    Background.POOL);
            closed = CompletableFuture.allOf(saved, vm.stopAll());
        }
        return closed;
    }

    private CompletableFuture<Void> closed;

    public WorkbenchViewModel viewModel() {
        return vm;
    }

    public CodeEditor editor() {
        return editor;
    }

    public MemoryChartView chart() {
        return chart;
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public Stage stage() {
        return stage;
    }
}
