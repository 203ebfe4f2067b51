package dev.kiln.app.model;

import dev.kiln.Worker;
import dev.kiln.WorkerPool;
import dev.kiln.WorkerSpec;
import dev.kiln.WorkerState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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
    /** Every worker selected in the list (the {@link #selected} one among them), in the list's order. */
    private final ObservableList<WorkerViewModel> chosen = FXCollections.observableArrayList();

    private final ObservableList<WorkerViewModel> chosenView = FXCollections.unmodifiableObservableList(chosen);
    private final ReadOnlyObjectWrapper<SideBySide> sideBySide = new ReadOnlyObjectWrapper<>(this, "sideBySide");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<WorkerState> selectedState = new ReadOnlyObjectWrapper<>(this, "selectedState");
    private final ChangeListener<WorkerState> followState = (o, was, now) -> selectedState.set(now);
    /** The last notice that belongs to no worker (a file saved, a start that failed before any process). */
    private final ReadOnlyObjectWrapper<Notice> general = new ReadOnlyObjectWrapper<>(this, "general");

    private final ReadOnlyObjectWrapper<Notice> shownNotice = new ReadOnlyObjectWrapper<>(this, "shownNotice");
    private final InvalidationListener reconsiderNotice = o -> reconsiderNotice();

    /** A pre-started worker with the default spec, so that New is instant (the app turns it on). */
    private volatile WorkerPool spares;
    /** Set by {@link #stopAll()}: no spare is started after it. */
    private boolean closing;

    private final ReadOnlyBooleanWrapper firstWorkerStarting = new ReadOnlyBooleanWrapper(this, "firstWorkerStarting");
    private CompletableFuture<WorkerViewModel> firstWorker;
    /** Launches not yet listed (UI thread): {@link #stopAll()} stops them too once they are. */
    private final List<CompletableFuture<WorkerViewModel>> launching = new ArrayList<>();

    private final StatsSampler<WorkerViewModel> stats;

    public WorkbenchViewModel(Ui ui) {
        this.ui = ui;
        this.launcher = spec -> {
            WorkerPool pool = spares;
            return pool != null ? pool.launch(spec) : Worker.launch(spec);
        };
        this.stats = statsSampler(ui);
        followSelectedState();
    }

    /**
     * Keeps one worker with the default spec started ahead, handed to the next New whose spec
     * launches the same process (a spare never serves a different spec). Stopped by {@link #stopAll()}.
     */
    public void useWarmSpare() {
        useWarmSpare(CompletableFuture.completedFuture(null));
    }

    /**
     * As {@link #useWarmSpare()}, with the spare's warm-up (the host's JShell for it) held until
     * {@code warmUpAfter} completes: its JVM starts now.
     */
    public synchronized void useWarmSpare(CompletionStage<?> warmUpAfter) {
        if (spares == null && !closing) {
            spares = WorkerPool.of(defaultSpec(), 1, WorkerPool.DEFAULT_REFILL_DELAY, warmUpAfter);
        }
    }

    /**
     * Takes {@code pool} as the warm spares (one the app started before its window, with
     * {@link #defaultSpec()}); a pool is kept already, or the workbench is closing, {@code pool} is
     * closed (in the background) and its worker stopped. Any thread.
     */
    public void useSpares(WorkerPool pool) {
        boolean unused;
        synchronized (this) {
            unused = spares != null || closing;
            if (!unused) {
                spares = pool;
            }
        }
        if (unused) {
            Background.POOL.execute(pool::close);
        }
    }

    /**
     * Gives someone who has not asked for a worker yet one to run code in (UI thread; returns at
     * once): the warm spare ({@link #useWarmSpare()}) is started in the background and, once it is
     * ready, taken, listed and selected; its warm-up (the host's JShell for it, its snippet engine)
     * goes on, and a first run waits only for what of it is left. Until then
     * {@link #firstWorkerStartingProperty()} is true. Completes with the worker once it is listed;
     * fails, with the reason told, if it could not start.
     */
    public CompletableFuture<WorkerViewModel> startFirstWorker() {
        if (firstWorker != null) {
            return firstWorker;
        }
        useWarmSpare();
        WorkerPool pool = spares;
        firstWorkerStarting.set(true);
        CompletableFuture<Void> started = pool == null ? CompletableFuture.completedFuture(null) : pool.allStarted();
        CompletableFuture<WorkerViewModel> first = new CompletableFuture<>();
        firstWorker = first;
        // A spare that failed to start is no reason to give up: a fresh launch reports what is wrong.
        CompletableFuture<Boolean> spareStarted = started.handle((v, err) -> err == null);
        if (spareStarted.isDone()) {
            // Ready before the window's first frame: listed now, not behind what that frame queued for the UI thread.
            listFirstWorker(first, pool, spareStarted.join());
        } else {
            spareStarted.thenAccept(ok -> ui.post(() -> listFirstWorker(first, pool, ok)));
        }
        return first;
    }

    /** Lists the first worker (UI thread): the spare if it started, else a fresh launch. */
    private void listFirstWorker(CompletableFuture<WorkerViewModel> first, WorkerPool pool, boolean spareStarted) {
        if (closing) { // the window closed meanwhile: no worker is left behind
            firstWorkerStarting.set(false);
            first.cancel(false);
            return;
        }
        if (selected.get() != null) { // the user started one meanwhile (New): that one it is
            firstWorkerStarting.set(false);
            first.complete(selected.get());
            return;
        }
        CompletableFuture<WorkerViewModel> listed =
                spareStarted && pool == spares ? listWhenTaken(pool.takeAsync()) : newWorker(defaultSpec());
        listed.whenComplete((vm, err) -> {
            firstWorkerStarting.set(false);
            if (err != null) {
                first.completeExceptionally(err);
            } else {
                first.complete(vm);
            }
        });
    }

    /** True while the first worker ({@link #startFirstWorker()}) starts and is not listed yet. */
    public ReadOnlyBooleanProperty firstWorkerStartingProperty() {
        return firstWorkerStarting.getReadOnlyProperty();
    }

    public WorkbenchViewModel(Ui ui, Function<WorkerSpec, Worker> launcher) {
        this.ui = ui;
        this.launcher = launcher;
        this.stats = statsSampler(ui);
        followSelectedState();
    }

    /**
     * The workers' figures: the selected worker's every second (its charts and details), the others'
     * every few seconds (their memory in the list), all on one timer.
     */
    private StatsSampler<WorkerViewModel> statsSampler(Ui ui) {
        StatsSampler<WorkerViewModel> s = new StatsSampler<>(
                ui,
                () -> workers,
                selected::get,
                vm -> vm.worker().isRunning() && vm.worker().ready().isDone(),
                vm -> vm.worker().statsAsync(),
                WorkerViewModel::acceptStats);
        s.start();
        return s;
    }

    private void followSelectedState() {
        selected.addListener((o, was, now) -> {
            // Selected alone (a new worker, a restart), it is the only one chosen; picked among the chosen, they stay.
            if (now == null) {
                chosen.clear();
            } else if (!chosen.contains(now)) {
                chosen.setAll(now);
            }
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

    /**
     * The spec of the one-click New: the host's JDK, default flags, the home folder, no echo to the app's console,
     * and a lower CPU priority than the workbench's, so that busy workers leave its FX thread a core.
     */
    public static WorkerSpec defaultSpec() {
        return WorkerSpec.builder()
                .echoOutput(false)
                .lowPriority(true)
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
        CompletableFuture<WorkerViewModel> added = launching();
        CompletableFuture.supplyAsync(() -> launcher.apply(spec), Background.POOL)
                .whenComplete((w, err) -> ui.post(() -> list(w, err, replacing, added)));
        return added;
    }

    /**
     * Lists a spare as it is handed out (UI thread): at once when it is ready now (the first
     * worker's, which has started: no wait for the UI thread, busy building the window then).
     */
    private CompletableFuture<WorkerViewModel> listWhenTaken(CompletableFuture<Worker> taken) {
        CompletableFuture<WorkerViewModel> added = launching();
        if (taken.isDone()) {
            taken.handle((w, err) -> {
                list(w, err, null, added);
                return null;
            });
        } else {
            taken.whenComplete((w, err) -> ui.post(() -> list(w, err, null, added)));
        }
        return added;
    }

    /** A worker being launched: {@link #stopAll()} stops it once it is listed. */
    private CompletableFuture<WorkerViewModel> launching() {
        CompletableFuture<WorkerViewModel> added = new CompletableFuture<>();
        launching.add(added);
        added.whenComplete((vm, err) -> launching.remove(added));
        return added;
    }

    /** Lists a launched worker, or says why it could not start (UI thread). */
    private void list(Worker w, Throwable err, WorkerViewModel replacing, CompletableFuture<WorkerViewModel> added) {
        if (err != null) {
            String why = WorkerViewModel.describe(WorkerViewModel.unwrap(err));
            say(
                    replacing == null
                            ? "Could not start a worker: " + why + ". Check the JDK and flags in New worker…"
                            : "Could not restart " + replacing.name() + ": " + why + ". Try Restart again.");
            added.completeExceptionally(err);
            return;
        }
        WorkerViewModel vm = replacing == null ? new WorkerViewModel(w, ui) : WorkerViewModel.restartOf(replacing, w);
        int at = replacing == null ? -1 : workers.indexOf(replacing);
        if (at >= 0) {
            workers.set(at, vm);
        } else {
            workers.add(vm);
        }
        selected.set(vm);
        if (replacing != null) {
            vm.tell(Notice.info("Restarted " + vm.name() + ": pid " + replacing.pid() + " ended, pid " + vm.pid()
                    + " took its place"));
        }
        added.complete(vm);
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
            chosen.remove(vm);
            if (selected.get() == vm) {
                selected.set(workers.isEmpty() ? null : workers.get(Math.max(0, i - 1)));
            }
        }));
    }

    /** Stops every worker in parallel, in the background; completes when all are gone. */
    public CompletableFuture<Void> stopAll() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        WorkerPool pool;
        synchronized (this) {
            closing = true;
            stats.stop();
            pool = spares;
            spares = null;
        }
        for (CompletableFuture<WorkerViewModel> starting : List.copyOf(launching)) {
            stops.add(starting.handle((vm, err) -> vm)
                    .thenCompose(vm -> vm == null ? CompletableFuture.completedFuture(null) : vm.stop()));
        }
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

    /**
     * The workers selected in the list, in the list's order: Run sends the code to each. The
     * {@linkplain #selected() selected} one (the one the other panes show) is among them.
     */
    public ObservableList<WorkerViewModel> chosenWorkers() {
        return chosenView;
    }

    /**
     * Selects several workers (UI thread): {@code primary}, which the panes show, and the others
     * that Run also sends code to. Workers not in the list are left out; {@code primary} is added
     * if missing.
     */
    public void choose(List<WorkerViewModel> all, WorkerViewModel primary) {
        List<WorkerViewModel> picked =
                new ArrayList<>(workers.stream().filter(all::contains).toList());
        if (primary != null && !picked.contains(primary)) {
            picked.add(0, primary);
        }
        chosen.setAll(picked);
        selected.set(primary != null ? primary : picked.isEmpty() ? null : picked.get(0));
    }

    /**
     * Runs {@code source} in every chosen worker that is running (UI thread): each gets its own run,
     * in its own history, and the runs together become {@link #sideBySideProperty()}. Returns null,
     * and tells why, when no chosen worker runs.
     */
    public SideBySide runSideBySide(String source, ResultEntry.Place place) {
        List<WorkerViewModel> live =
                chosen.stream().filter(w -> w.state().isLive()).toList();
        List<String> gone = chosen.stream()
                .filter(w -> !w.state().isLive())
                .map(WorkerViewModel::name)
                .toList();
        if (live.isEmpty()) {
            say("None of the selected workers runs: start one with New worker, or restart one");
            return null;
        }
        List<SideBySide.Row> rows = new ArrayList<>();
        for (WorkerViewModel w : live) {
            rows.add(new SideBySide.Row(w, w.run(source, place)));
        }
        SideBySide run = new SideBySide(source, rows);
        sideBySide.set(run);
        if (!gone.isEmpty()) {
            say(String.join(", ", gone) + (gone.size() == 1 ? " has" : " have")
                    + " exited, so the code ran in the others only. Restart brings a worker back.");
        }
        return run;
    }

    /** The latest code run on several workers at once, with each worker's run; null before any. */
    public ReadOnlyObjectProperty<SideBySide> sideBySideProperty() {
        return sideBySide.getReadOnlyProperty();
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
