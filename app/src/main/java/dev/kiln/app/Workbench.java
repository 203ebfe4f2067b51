package dev.kiln.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.kiln.RemoteFrame;
import dev.kiln.WorkerPool;
import dev.kiln.WorkerState;
import dev.kiln.app.command.Command;
import dev.kiln.app.command.CommandTable;
import dev.kiln.app.editor.CodeEditor;
import dev.kiln.app.model.Background;
import dev.kiln.app.model.EditorDocument;
import dev.kiln.app.model.ResultEntry;
import dev.kiln.app.model.Ui;
import dev.kiln.app.model.ViewOptions;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import dev.kiln.app.view.AddDependencyDialog;
import dev.kiln.app.view.Confirm;
import dev.kiln.app.view.DetailsView;
import dev.kiln.app.view.FilePicker;
import dev.kiln.app.view.Frames;
import dev.kiln.app.view.MemoryChartView;
import dev.kiln.app.view.NewWorkerDialog;
import dev.kiln.app.view.OutputView;
import dev.kiln.app.view.PaneHeader;
import dev.kiln.app.view.ResultsView;
import dev.kiln.app.view.SidePane;
import dev.kiln.app.view.Slot;
import dev.kiln.app.view.StatusBarView;
import dev.kiln.app.view.ToolbarView;
import dev.kiln.app.view.WorkbenchLayout;
import dev.kiln.app.view.WorkerTreeView;
import dev.kiln.app.view.Zoom;
import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.SplitPane;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * The workbench window: lays out the views over a {@link WorkbenchViewModel}, binds each
 * {@link Command} to what it does here (toolbar, menu and shortcuts are built from those), and
 * owns the window's life (settings restored on show, saved and every worker stopped on close).
 * {@link KilnApp} and the UI tests both start it on a stage of their own.
 */
public final class Workbench {
    /** The smallest window the layout is made for: every pane's header stays whole down to it. */
    public static final double MIN_WIDTH = 1024;

    public static final double MIN_HEIGHT = 640;

    /**
     * At the app's start, how long the views its first frame did without wait for the first worker's
     * listing at most (see {@link #showWithFirstWorker}).
     */
    static final java.time.Duration FIRST_WORKER_FIRST = java.time.Duration.ofMillis(500);

    /** The setting that remembers the New worker dialog's dependencies. */
    static final String DEPENDENCIES_KEY = "newWorker.dependencies";

    private final Stage stage;
    private final Settings settings;
    private final WorkbenchViewModel vm = new WorkbenchViewModel(Ui.fx());
    private final EditorDocument document = new EditorDocument(Ui.fx(), Background.POOL, vm::tell);
    private final CodeEditor editor = new CodeEditor(Background.POOL);
    private final DocumentFlow files;
    private final RunFlow runs = new RunFlow(vm, editor);
    private final EndingFlow ending;
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark");
    private final CommandTable commands = new CommandTable();
    private final ViewOptions view;
    /** The window's icons, read in the background from the moment the workbench is made. */
    private final CompletableFuture<List<Image>> icons = WindowIcons.read(Background.POOL);
    /** Completes once the views the first frame did without are made (see {@link #build}). */
    private final CompletableFuture<Void> windowComplete = new CompletableFuture<>();

    private MemoryChartView chart;
    private SidePane sidePane;
    private FilePicker picker = FilePicker.dialogs();
    private boolean closing;
    private Alert quitQuestion;

    private Workbench(Stage stage, Settings settings) {
        this.stage = stage;
        this.settings = settings;
        this.view = new ViewOptions(
                settings.getDouble("ui.font.size", ViewOptions.DEFAULT_FONT_SIZE),
                Boolean.parseBoolean(settings.get("chart.shown", "true")));
        this.files = new DocumentFlow(stage, document, editor);
        this.ending = new EndingFlow(stage, vm);
    }

    /**
     * Gives a new user a worker without asking (UI thread; returns at once): once the window is on
     * screen, the warm spare starts in the background and is then listed and selected, so the first
     * Run answers at once. The window's appearance never waits for it.
     */
    public CompletableFuture<WorkerViewModel> startFirstWorker() {
        return runs.startFirstWorker(stage.getScene(), () -> closing);
    }

    /** Builds the window on {@code stage} and shows it; {@code afterClose} runs once every worker is gone. */
    public static Workbench show(Stage stage, Settings settings, Runnable afterClose) {
        // The theme before the first control is made: JavaFX then never loads its own (Modena) only to drop it.
        useTheme(darkIn(settings));
        Workbench w = new Workbench(stage, settings);
        w.build(afterClose, CompletableFuture.completedFuture(null));
        return w;
    }

    /**
     * What the app does at its start: as {@link #show}, and the worker it gives a new user
     * ({@link #startFirstWorker()}) starts before the window is built, so it is ready when the
     * window is; the host builds its JShell once the window is complete (a JVM start costs the
     * window little CPU, the host's compiler a second or more).
     */
    public static Workbench showWithFirstWorker(Stage stage, Settings settings, Runnable afterClose) {
        useTheme(darkIn(settings));
        Workbench w = new Workbench(stage, settings);
        // Off the FX thread: the first use of the library (its classes, the JDK's and archive checks) costs
        // some hundred ms of CPU that the window's build need not wait for.
        CompletableFuture<WorkerPool> early = EarlySpare.pool();
        if (early != null) { // started by Main, before JavaFX
            w.windowComplete.whenComplete(
                    (v, err) -> EarlySpare.windowComplete().complete(null));
            early.thenAccept(w.vm::useSpares);
        } else {
            Background.POOL.execute(() -> w.vm.useWarmSpare(w.windowComplete));
        }
        // After the first frame the first worker is listed before the views that frame did without are made: its
        // listing then waits for no view's making and drawing (a few hundred ms on a slow machine); they wait for it
        // no longer than FIRST_WORKER_FIRST after that frame.
        CompletableFuture<Void> listed = new CompletableFuture<>();
        w.build(afterClose, listed);
        w.startFirstWorker().whenComplete((vm, err) -> listed.complete(null));
        return w;
    }

    /**
     * Builds the window and shows it. What its first frame can do without (details, results, output,
     * the side pane) is made after that frame, once {@code viewsAfter} completes, a view a frame.
     */
    private void build(Runnable afterClose, CompletionStage<?> viewsAfter) {
        bindCommands();

        // ---------------------------------------------------------------- layout
        WorkerTreeView tree = new WorkerTreeView(vm, commands);
        Slot<DetailsView> details = new Slot<>(() -> new DetailsView(vm));
        VBox left =
                new VBox(PaneHeader.of("Workers"), tree, PaneHeader.ofWorker("Details", "detailsTitle", vm), details);
        VBox.setVgrow(tree, Priority.ALWAYS);
        left.getStyleClass().add("side");

        Slot<ResultsView> results = new Slot<>(() -> new ResultsView(vm, this::recall, this::showFrame));
        Slot<OutputView> output = new Slot<>(() -> new OutputView(vm, commands));
        commands.on(Command.FIND, () -> output.get().openFind());
        SplitPane bottom = new SplitPane(results, output);
        bottom.setDividerPositions(0.45);
        SplitPane center = new SplitPane(editor, bottom);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.55);

        sidePane = new SidePane(vm, this::memoryChart, this::insertName, () -> picker);
        WorkbenchLayout main = new WorkbenchLayout(left, center, sidePane.node(), view);

        BorderPane root =
                new BorderPane(main.node(), new ToolbarView(commands, dark, view), null, new StatusBarView(vm), null);
        root.getStyleClass().add("kiln-root");

        // ---------------------------------------------------------------- editor
        editor.setText(EditorDocument.startText(settings.editorText()));
        document.textChanged(editor.getText());
        editor.area().textProperty().addListener((o, was, now) -> document.textChanged(now));
        editor.setCompletionSource((text, caret) -> {
            WorkerViewModel s = vm.selected();
            return s == null ? CompletableFuture.completedFuture(List.of()) : s.completions(text, caret);
        });
        editor.setSignatureSource((text, caret) -> {
            WorkerViewModel s = vm.selected();
            return s == null ? CompletableFuture.completedFuture(List.of()) : s.signatures(text, caret);
        });

        // ---------------------------------------------------------------- scene
        Scene scene = new Scene(
                root,
                Math.max(MIN_WIDTH, settings.getDouble("window.width", 1280)),
                Math.max(MIN_HEIGHT, settings.getDouble("window.height", 800)));
        scene.getStylesheets().add(Workbench.class.getResource("kiln.css").toExternalForm());
        commands.installShortcuts(scene);

        dark.addListener((o, was, now) -> applyTheme(now, root));
        dark.set(darkIn(settings));
        applyTheme(dark.get(), root);

        stage.setTitle(document.titleProperty().get());
        document.titleProperty().addListener((o, was, now) -> stage.setTitle(now));
        stage.setScene(scene);
        // The window opens at the remembered size even on a Stage that had a size before.
        stage.sizeToScene();
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        Zoom.follow(stage, view.fontSizeProperty());
        icons.thenAccept(images -> Platform.runLater(() -> stage.getIcons().setAll(images)));
        stage.setOnCloseRequest(e -> {
            e.consume();
            requestClose(afterClose);
        });
        stage.show();
        StartTimeline.mark("window-shown");
        // What the first frame can do without (it shows the toolbar, the workers and the editor): made after it,
        // a view a frame, in the places kept for them.
        Frames.afterNextFrame(scene, () -> {
            StartTimeline.mark("first-frame");
            Runnable views = () -> {
                details.get();
                Frames.eachAfterNextFrame(scene, List.of(results::get, output::get, sidePane::fillIn, () -> {
                    StartTimeline.mark("full-frame");
                    windowComplete.complete(null);
                }));
            };
            CompletableFuture<Void> go = new CompletableFuture<>();
            viewsAfter.whenComplete((v, err) -> go.complete(null));
            if (go.isDone()) {
                views.run();
            } else {
                // After the frame that shows the listed worker: its listing is not held up by the views' making.
                go.completeOnTimeout(null, FIRST_WORKER_FIRST.toMillis(), TimeUnit.MILLISECONDS);
                go.whenComplete((v, err) -> Platform.runLater(() -> Frames.afterNextFrame(scene, views)));
            }
        });
        editor.area().requestFocus();
    }

    /** What each command does here, and when its button is greyed out (its keys always work). */
    private void bindCommands() {
        ObservableValue<WorkerState> state = vm.selectedStateProperty();
        BooleanBinding noLiveWorker = Bindings.createBooleanBinding(
                () -> state.getValue() == null || !state.getValue().isLive(), state);
        BooleanBinding nothingToKill = Bindings.createBooleanBinding(
                () -> state.getValue() == null || state.getValue() == WorkerState.EXITED, state);
        commands.on(Command.NEW_WORKER, this::newDefault)
                .on(Command.NEW_WORKER_DIALOG, this::newWithDialog)
                .on(Command.RUN, runs::run)
                .disableWhen(Command.RUN, noLiveWorker)
                .on(Command.INTERRUPT, () -> withSelected(WorkerViewModel::interrupt))
                .disableWhen(Command.INTERRUPT, noLiveWorker)
                .on(Command.STOP, ending::stop)
                .disableWhen(Command.STOP, noLiveWorker)
                .on(Command.KILL, ending::kill)
                .disableWhen(Command.KILL, nothingToKill)
                .on(Command.ADD_DEPENDENCY, this::addDependency)
                .disableWhen(Command.ADD_DEPENDENCY, noLiveWorker)
                .on(Command.RESTART, ending::restart)
                .disableWhen(Command.RESTART, vm.selectedProperty().isNull())
                .on(Command.NEW_DOCUMENT, files::newDocument)
                .on(Command.OPEN, files::open)
                .on(Command.SAVE, files::save)
                .on(Command.SAVE_AS, files::saveAs)
                .on(Command.ZOOM_OUT, view::zoomOut)
                .on(Command.ZOOM_RESET, view::zoomReset)
                .on(Command.ZOOM_IN, view::zoomIn)
                .on(
                        Command.CHART,
                        () -> view.chartShownProperty()
                                .set(!view.chartShownProperty().get()))
                .on(Command.THEME, () -> dark.set(!dark.get()))
                // Quit goes through the same path as the window's close button: ask what needs asking, stop every
                // worker, then exit.
                // Later, not inside the key event: closing the window while GTK still handles the key crashed
                // the JVM in WindowContextBase::process_key (about 1 Ctrl+Q in 3 under Xvfb).
                .on(
                        Command.QUIT,
                        () -> Platform.runLater(
                                () -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST))));
    }

    private static boolean darkIn(Settings settings) {
        return "dark".equals(settings.get("theme", "light"));
    }

    /** Makes AtlantaFX's light or dark theme the application's, unless it is already. */
    private static void useTheme(boolean isDark) {
        String theme = isDark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
        if (!theme.equals(Application.getUserAgentStylesheet())) {
            Application.setUserAgentStylesheet(theme);
        }
    }

    private void applyTheme(boolean isDark, BorderPane root) {
        useTheme(isDark);
        root.getStyleClass().removeAll("dark", "light");
        root.getStyleClass().add(isDark ? "dark" : "light");
    }

    /** The memory chart, made when the side pane first shows its charts. */
    private MemoryChartView memoryChart() {
        if (chart == null) {
            chart = new MemoryChartView(vm);
        }
        return chart;
    }

    // -------------------------------------------------------------------- commands

    private void newDefault() {
        vm.newWorker(WorkbenchViewModel.defaultSpec());
    }

    private void newWithDialog() {
        NewWorkerDialog dialog = new NewWorkerDialog(
                stage, settings.get(DEPENDENCIES_KEY, ""), settings.recentHosts(), settings.lowPriority());
        dialog.showAndWait().ifPresent(spec -> {
            settings.put(DEPENDENCIES_KEY, dialog.dependenciesText());
            settings.rememberLowPriority(spec.lowPriority());
            spec.host().ifPresent(settings::rememberHost);
            vm.newWorker(spec);
        });
    }

    /** Add dependency… for the selected worker, which must be running. */
    private void addDependency() {
        WorkerViewModel s = vm.selected();
        if (s == null || !s.state().isLive()) {
            vm.say("No running worker selected: start one with " + Command.NEW_WORKER.labelWithShortcut()
                    + ", then add dependencies to it");
            return;
        }
        if (s.worker().spec().host().isPresent()) {
            // The library adds jars to workers of this machine only: say so before the user writes coordinates.
            vm.say("Add dependency… works for workers on this machine only: " + s.name() + " runs on "
                    + s.worker().spec().host().get()
                    + ". Give the dependencies in New worker… (same host) and start a new worker");
            return;
        }
        new AddDependencyDialog(stage, s).show();
    }

    /**
     * A frame of a run's stack trace, clicked: its line in the editor, where the run's code stands
     * now (it may have moved since the run), shown and marked.
     */
    private void showFrame(ResultEntry entry, RemoteFrame frame) {
        OptionalInt at = editor.locate(entry.source(), entry.editorOffset());
        if (at.isEmpty()) {
            vm.say("The code of run " + entry.number() + " is no longer in the editor, so its line "
                    + frame.sourceLine() + " cannot be shown. Insert puts the code back at the caret.");
            return;
        }
        editor.showLine(editor.lineOf(at.getAsInt()) + frame.sourceLine() - 1, "at " + frame);
    }

    /** A variable's name into the editor at the caret (in place of the selection), to use it. */
    private void insertName(String name) {
        editor.area().replaceSelection(name);
        editor.area().requestFocus();
    }

    /** A result's code back into the editor, at the caret, as one edit that Ctrl+Z takes back. */
    private void recall(ResultEntry e) {
        editor.insertSnippet(e.source());
        editor.area().requestFocus();
    }

    private void withSelected(Consumer<WorkerViewModel> action) {
        WorkerViewModel s = vm.selected();
        if (s != null) {
            action.accept(s);
        }
    }

    /**
     * The window's close button and Quit: asks about a file's unsaved changes, then, if code runs in
     * any worker, whether to stop it; then closes. Cancel at either question keeps everything.
     */
    private void requestClose(Runnable afterClose) {
        if (closing || (quitQuestion != null && quitQuestion.isShowing())) {
            return;
        }
        Runnable quit = () -> close().whenComplete((v, err) -> Platform.runLater(afterClose));
        files.beforeQuit(() -> {
            List<WorkerViewModel> busy = vm.busyWorkers();
            if (busy.isEmpty()) {
                quit.run();
                return;
            }
            String names = busy.stream().map(WorkerViewModel::name).collect(Collectors.joining(", "));
            quitQuestion = Confirm.destructive(
                    stage,
                    "quitDialog",
                    "Quit Kiln",
                    "Quit while code runs in " + names + "?",
                    names + (busy.size() == 1 ? " is" : " are") + " running code. Quitting stops every worker:"
                            + " what runs now is lost and its results never arrive.",
                    "Quit",
                    quit);
        });
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
            settings.put("ui.font.size", view.fontSize());
            settings.put("chart.shown", view.chartShownProperty().get());
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

    /** Completes once every view is made: the ones the first frame did without come a frame each after it. */
    public CompletionStage<Void> windowComplete() {
        return windowComplete.copy();
    }

    public CodeEditor editor() {
        return editor;
    }

    /** The memory chart (added to the window now if it was not yet). */
    public MemoryChartView chart() {
        sidePane.fillIn();
        return chart;
    }

    /** The right column's CPU chart and tabs (threads, heap, variables, history). */
    public SidePane sidePane() {
        return sidePane;
    }

    /** The zoom and whether the chart is shown. */
    public ViewOptions viewOptions() {
        return view;
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public Stage stage() {
        return stage;
    }

    /** Where Open and Save as get their files (the OS's dialogs unless a test gives its own). */
    void useFilePicker(FilePicker picker) {
        this.picker = picker;
        files.usePicker(picker);
    }
}
