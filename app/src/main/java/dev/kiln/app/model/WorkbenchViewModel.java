package dev.kiln.app.model;

import dev.kiln.Worker;
import dev.kiln.WorkerPool;
import dev.kiln.WorkerSpec;
import dev.kiln.WorkerState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The workbench's state: its workers, the selected one, and the commands that start,
 * restart and remove them. Starting never blocks the UI thread: the worker is launched
 * in the background and appears (STARTING, with its PID) as soon as its process exists.
 */
public final class WorkbenchViewModel {
    private final Ui ui;
    private final Function<WorkerSpec, Worker> launcher;
    private final ObservableList<WorkerViewModel> workers = FXCollections.observableArrayList();
    private final ObjectProperty<WorkerViewModel> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<WorkerState> selectedState = new ReadOnlyObjectWrapper<>(this, "selectedState");
    private final ChangeListener<WorkerState> followState = (o, was, now) -> selectedState.set(now);
    /** The last notice that belongs to no worker (a file saved, a start that failed before any process). */
    private final ReadOnlyObjectWrapper<Notice> general = new ReadOnlyObjectWrapper<>(this, "general");

    private final ReadOnlyObjectWrapper<Notice> shownNotice = new ReadOnlyObjectWrapper<>(this, "shownNotice");
    private final InvalidationListener reconsiderNotice = o -> reconsiderNotice();

    /** A pre-started worker with the default spec, so that New is instant (the app turns it on). */
    private volatile WorkerPool spares;

    public WorkbenchViewModel(Ui ui) {
        this.ui = ui;
        this.launcher = spec -> {
            WorkerPool pool = spares;
            return pool != null ? pool.launch(spec) : Worker.launch(spec);
        };
        followSelectedState();
    }

    /**
     * Keeps one worker with the default spec started ahead, handed to the next New whose spec
     * launches the same process (a spare never serves a different spec). Stopped by {@link #stopAll()}.
     */
    public void useWarmSpare() {
        if (spares == null) {
            WorkerPool pool = WorkerPool.of(defaultSpec(), 1);
            spares = pool;
        }
    }

    public WorkbenchViewModel(Ui ui, Function<WorkerSpec, Worker> launcher) {
        this.ui = ui;
        this.launcher = launcher;
        followSelectedState();
    }

    private void followSelectedState() {
        selected.addListener((o, was, now) -> {
            if (was != null) {
                was.stateProperty().removeListener(followState);
                was.noticeProperty().removeListener(reconsiderNotice);
            }
            if (now != null) {
                now.stateProperty().addListener(followState);
                now.noticeProperty().addListener(reconsiderNotice);
            }
            selectedState.set(now == null ? null : now.state());
            // A notice of the moment ("no worker selected", "saved") is about what was on screen then.
            general.set(null);
            reconsiderNotice();
        });
        general.addListener(reconsiderNotice);
    }

    /** The status bar shows the newer of the general notice and the selected worker's own. */
    private void reconsiderNotice() {
        WorkerViewModel s = selected.get();
        Notice n = Notice.newer(
                general.get(), s == null ? null : s.noticeProperty().get());
        shownNotice.set(n);
        message.set(n == null ? "" : n.text());
    }

    /** The spec of the one-click New: the host's JDK, default flags, the home folder, no echo to the app's console. */
    public static WorkerSpec defaultSpec() {
        return WorkerSpec.builder()
                .echoOutput(false)
                .workingDirectory(defaultWorkingFolder())
                .build();
    }

    /**
     * Where workers run unless told otherwise: the user's home. Not the app's own working folder,
     * which for a packaged app is read-only ({@code /} on macOS, the install folder on Windows),
     * so a snippet writing a relative path would fail there.
     */
    public static java.nio.file.Path defaultWorkingFolder() {
        return java.nio.file.Path.of(System.getProperty("user.home"));
    }

    /** Launches a worker in the background; it is added and selected as soon as its process exists. */
    public CompletableFuture<WorkerViewModel> newWorker(WorkerSpec spec) {
        return launch(spec, null);
    }

    private CompletableFuture<WorkerViewModel> launch(WorkerSpec spec, WorkerViewModel replacing) {
        CompletableFuture<WorkerViewModel> added = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> launcher.apply(spec), Background.POOL)
                .whenComplete((w, err) -> ui.post(() -> {
                    if (err != null) {
                        String why = WorkerViewModel.describe(WorkerViewModel.unwrap(err));
                        say(
                                replacing == null
                                        ? "Could not start a worker: " + why
                                                + ". Check the JDK and flags in New worker…"
                                        : "Could not restart " + replacing.name() + ": " + why
                                                + ". Try Restart again.");
                        added.completeExceptionally(err);
                        return;
                    }
                    WorkerViewModel vm =
                            replacing == null ? new WorkerViewModel(w, ui) : WorkerViewModel.restartOf(replacing, w);
                    int at = replacing == null ? -1 : workers.indexOf(replacing);
                    if (at >= 0) {
                        workers.set(at, vm);
                    } else {
                        workers.add(vm);
                    }
                    selected.set(vm);
                    if (replacing != null) {
                        vm.tell(Notice.info("Restarted " + vm.name() + ": pid " + replacing.pid() + " ended, pid "
                                + vm.pid() + " took its place"));
                    }
                    added.complete(vm);
                }));
        return added;
    }

    /**
     * Same spec, new process: stops the old one (if still running) and puts the new one in its
     * place, under the same name, keeping its results and output (see {@link WorkerViewModel#restartOf}).
     */
    public CompletableFuture<WorkerViewModel> restart(WorkerViewModel vm) {
        WorkerSpec spec = vm.worker().spec().toBuilder().name(vm.name()).build();
        return vm.stop().thenCompose(v -> launch(spec, vm));
    }

    /** Removes a worker from the list, stopping it first if it still runs. */
    public CompletableFuture<Void> remove(WorkerViewModel vm) {
        CompletableFuture<Void> stopped =
                vm.state() == WorkerState.EXITED ? CompletableFuture.completedFuture(null) : vm.stop();
        return stopped.thenRun(() -> ui.post(() -> {
            int i = workers.indexOf(vm);
            workers.remove(vm);
            if (selected.get() == vm) {
                selected.set(workers.isEmpty() ? null : workers.get(Math.max(0, i - 1)));
            }
        }));
    }

    /** Stops every worker in parallel, in the background; completes when all are gone. */
    public CompletableFuture<Void> stopAll() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        WorkerPool pool = spares;
        spares = null;
        if (pool != null) {
            stops.add(CompletableFuture.runAsync(pool::close, Background.POOL));
        }
        for (WorkerViewModel vm : List.copyOf(workers)) {
            stops.add(vm.stop());
        }
        return CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new));
    }

    public ObservableList<WorkerViewModel> workers() {
        return workers;
    }

    public ObjectProperty<WorkerViewModel> selectedProperty() {
        return selected;
    }

    public WorkerViewModel selected() {
        return selected.get();
    }

    /** The selected worker's state, following it; null while none is selected. */
    public ReadOnlyObjectProperty<WorkerState> selectedStateProperty() {
        return selectedState.getReadOnlyProperty();
    }

    /** The text of {@link #shownNoticeProperty()}, or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /**
     * What the status bar tells: the newer of the selected worker's own last notice and the last
     * notice that belongs to no worker (which a change of selection clears); null for nothing.
     */
    public ReadOnlyObjectProperty<Notice> shownNoticeProperty() {
        return shownNotice.getReadOnlyProperty();
    }

    /** Tells the user something that belongs to no worker (UI thread). */
    public void tell(Notice n) {
        general.set(n);
    }

    /** Tells the user that something went wrong (UI thread). */
    public void say(String text) {
        tell(Notice.error(text));
    }

    /** Tells the user something worked, or a hint (UI thread); it fades. */
    public void inform(String text) {
        tell(Notice.info(text));
    }

    /** Forgets {@code n} wherever it is still shown (UI thread): it has been read, or has faded. */
    public void dismiss(Notice n) {
        if (general.get() == n) {
            general.set(null);
        }
        WorkerViewModel s = selected.get();
        if (s != null) {
            s.dismiss(n);
        }
    }

    /** The workers that run code now, or have runs waiting: quitting would lose that work. */
    public List<WorkerViewModel> busyWorkers() {
        return workers.stream().filter(WorkerViewModel::isBusy).toList();
    }
}
