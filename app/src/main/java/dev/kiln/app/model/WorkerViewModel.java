package dev.kiln.app.model;

import dev.kiln.CompilationException;
import dev.kiln.Completion;
import dev.kiln.EvaluationInterruptedException;
import dev.kiln.KilnException;
import dev.kiln.NestedWorker;
import dev.kiln.OutputChunk;
import dev.kiln.RemoteException;
import dev.kiln.SignatureHint;
import dev.kiln.Subscription;
import dev.kiln.Worker;
import dev.kiln.WorkerState;
import dev.kiln.WorkerStats;
import dev.kiln.WorkerTerminatedException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The view of one worker: read-only properties the views bind to, changed on the UI thread
 * only. It is the only object that talks to its {@link Worker}; requests leave through a
 * background thread of its own (so runs keep their order), answers come back through {@link Ui}.
 *
 * <p>Runs go to the worker one at a time, in order: each run's output stands under a separator
 * line that names it ({@link ResultEntry#separator()}). A restart makes a new view-model for the new
 * process that keeps the old one's name, results, run count and output, with a line marking the
 * restart in both.
 */
public final class WorkerViewModel {
    /** Samples kept for the chart: ten minutes at one a second (the workbench's {@link StatsSampler} asks). */
    public static final int MAX_SAMPLES = 600;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Worker worker;
    private final String name;
    private final Ui ui;
    private final ExecutorService requests;
    private final List<Subscription> subscriptions = new ArrayList<>();

    private final ReadOnlyObjectWrapper<WorkerState> state;
    private final ReadOnlyObjectWrapper<Integer> exitCode = new ReadOnlyObjectWrapper<>(this, "exitCode");
    private final ReadOnlyStringWrapper stderrTail = new ReadOnlyStringWrapper(this, "stderrTail", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>(this, "notice");
    private final ReadOnlyBooleanWrapper started = new ReadOnlyBooleanWrapper(this, "started");
    private final ReadOnlyLongWrapper rssBytes = new ReadOnlyLongWrapper(this, "rssBytes", -1);
    private final ReadOnlyObjectWrapper<WorkerStats> lastStats = new ReadOnlyObjectWrapper<>(this, "lastStats");
    private final ReadOnlyObjectWrapper<Duration> launchTime = new ReadOnlyObjectWrapper<>(this, "launchTime");
    private final ReadOnlyStringWrapper javaVersion = new ReadOnlyStringWrapper(this, "javaVersion", "");
    private final ReadOnlyStringWrapper javaHome = new ReadOnlyStringWrapper(this, "javaHome", "");
    private final ReadOnlyObjectWrapper<List<String>> jvmFlags =
            new ReadOnlyObjectWrapper<>(this, "jvmFlags", List.of());
    private final ObservableList<WorkerStats> samples = FXCollections.observableArrayList();
    private final ObservableList<NestedWorker> nested = FXCollections.observableArrayList();
    private final NestedNames nestedNames;
    private final OutputBuffer output;
    private final WorkerInput input;
    private final Runs runs;
    /** Set when the user asked this worker to end (stop, kill): its exit is then no surprise. */
    private volatile boolean endRequested;

    public WorkerViewModel(Worker worker, Ui ui) {
        this(worker, ui, OutputBuffer.DEFAULT_CAP);
    }

    public WorkerViewModel(Worker worker, Ui ui, int outputCap) {
        this(worker, ui, new OutputBuffer(outputCap, ui), null);
    }

    /**
     * The view of {@code worker}, a restart of {@code previous} (UI thread): it keeps the previous
     * one's name, results and output, and marks the restart in both.
     */
    public static WorkerViewModel restartOf(WorkerViewModel previous, Worker worker) {
        return new WorkerViewModel(worker, previous.ui, previous.output, previous);
    }

    private WorkerViewModel(Worker worker, Ui ui, OutputBuffer output, WorkerViewModel previous) {
        this.worker = worker;
        this.name = previous == null ? worker.name() : previous.name();
        this.ui = ui;
        this.output = output;
        this.nestedNames = new NestedNames(worker.pid(), name);
        this.state = new ReadOnlyObjectWrapper<>(this, "state", worker.state());
        // The flags it was given, until it says which it runs with: a worker that fails to start shows them.
        this.jvmFlags.set(worker.spec().jvmArgs());
        this.requests = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kiln-app-requests-" + name);
            t.setDaemon(true);
            return t;
        });
        this.runs = new Runs(
                worker,
                ui,
                output,
                requests,
                () -> new WorkerTerminatedException(
                        worker.name(), exitCode.get() == null ? Integer.MIN_VALUE : exitCode.get(), stderrTail.get()));
        if (previous != null) {
            String mark = "— restarted " + LocalTime.now().format(CLOCK) + " —";
            runs.continueFrom(previous.runs, mark);
            output.mark(mark);
        }
        this.input = new WorkerInput(worker, ui, output, requests, this::tell);
        subscriptions.add(worker.onOutput(this::onOutput));
        subscriptions.add(worker.onStateChange(s -> ui.post(() -> applyState(s))));
        // Workers this one starts (or deeper) are reported here; the tree nests them by hostPid.
        subscriptions.add(worker.onNestedChange(n -> ui.post(() -> acceptNested(n))));
        List<NestedWorker> known = worker.nestedWorkers();
        if (!known.isEmpty()) {
            ui.post(() -> known.forEach(this::acceptNested));
        }
        worker.ready().whenComplete((w, err) -> ui.post(() -> onReady(err)));
        worker.onExit().whenComplete((code, err) -> {
            String tail = worker.stderrTail();
            ui.post(() -> onExited(code, tail));
        });
    }

    private void onOutput(OutputChunk c) {
        output.accept(c.stream(), c.text());
    }

    private void applyState(WorkerState s) {
        if (state.get() == WorkerState.EXITED) {
            return; // exit is final; a late notification must not revive the row
        }
        state.set(s);
    }

    private void onReady(Throwable err) {
        if (err != null) {
            problem.set(describe(unwrap(err)));
            String why = problem.get().lines().findFirst().orElse("").strip();
            why = why.endsWith(".") ? why : why + ".";
            // The status bar shows the first line (what, and what to do); the whole reason is below it.
            String check = worker.spec().host().isPresent()
                    ? " Check its host, SSH key and known hosts, then its JDK and flags there (see Stderr in its"
                            + " details), then start a new worker.\n"
                    : " Check its JDK and flags (see Stderr in its details), then start a new worker.\n";
            notice.set(Notice.error(name + " could not start: " + why + check + problem.get()));
            return;
        }
        started.set(true);
        launchTime.set(worker.launchTime());
        javaVersion.set(worker.javaVersion().orElse(""));
        javaHome.set(worker.javaHome().orElse(""));
        // Asked of the worker (a round trip): never waited for on the UI thread.
        worker.inputArgumentsAsync().thenAccept(flags -> ui.post(() -> jvmFlags.set(flags)));
        applyState(worker.state());
    }

    private void onExited(Integer code, String tail) {
        exitCode.set(code == null ? -1 : code);
        stderrTail.set(tail == null ? "" : tail.strip());
        if (started.get() && !endRequested) {
            notice.set(Notice.error(name + " (pid " + worker.pid() + ") ended by itself with exit code "
                    + exitCode.get() + "; see Stderr in its details. Restart starts it again."));
        }
        state.set(WorkerState.EXITED);
        input.close();
        for (Subscription s : subscriptions) {
            s.close();
        }
        subscriptions.clear();
        requests.shutdown();
    }

    // ------------------------------------------------------------------ commands

    /** Runs {@code source}, code from the start of the editor or from elsewhere; see {@link #run(String, ResultEntry.Place)}. */
    public ResultEntry run(String source) {
        return run(source, ResultEntry.Place.START);
    }

    /**
     * Runs source in the worker and records it in the history at once (queued when another
     * run is ahead of it). {@code place} is where the source starts in the editor: errors are
     * told in editor lines.
     */
    public ResultEntry run(String source, ResultEntry.Place place) {
        return runs.run(source, place);
    }

    /** Completion candidates for the editor (background; the future completes off the UI thread). */
    public CompletableFuture<List<Completion>> completions(String source, int cursor) {
        if (!state.get().isLive()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return CompletableFuture.supplyAsync(() -> worker.completions(source, cursor), Background.POOL)
                .thenCompose(f -> f);
    }

    /**
     * The signatures (one per line) of what ends at {@code cursor}, for the completion popup's
     * parameter hints (background; empty when the worker is not live).
     */
    public CompletableFuture<List<String>> signatures(String source, int cursor) {
        if (!state.get().isLive()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return CompletableFuture.supplyAsync(() -> worker.signatures(source, cursor, false), Background.POOL)
                .thenCompose(f -> f)
                .thenApply(hints -> hints.stream().map(SignatureHint::signature).toList());
    }

    /**
     * Interrupts the running run (background; call on the UI thread). It goes through this
     * worker's request thread, after the runs submitted before it, so it always reaches the
     * evaluation the user sees running, even one that is still being compiled.
     */
    public CompletableFuture<Void> interrupt() {
        if (requests.isShutdown()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(worker::interrupt, requests);
    }

    /** Stops the worker gracefully (background). */
    public CompletableFuture<Void> stop() {
        endRequested = true;
        return CompletableFuture.runAsync(worker::stop, Background.POOL);
    }

    /** Kills the worker's process (background). */
    public CompletableFuture<Void> kill() {
        endRequested = true;
        return CompletableFuture.runAsync(worker::kill, Background.POOL);
    }

    /** Whether code runs in it now, or runs wait for it: ending it now loses that work. */
    public boolean isBusy() {
        return state.get() == WorkerState.BUSY || runs.pendingProperty().get() > 0;
    }

    /** A new sample (UI thread): updates the memory figures and the chart's series. */
    public void acceptStats(WorkerStats s) {
        if (state.get() == WorkerState.EXITED) {
            return;
        }
        lastStats.set(s);
        rssBytes.set(s.rssBytes());
        samples.add(s);
        if (samples.size() > MAX_SAMPLES) {
            samples.remove(0, samples.size() - MAX_SAMPLES);
        }
    }

    /** A nested worker's report (UI thread): adds, updates or keeps it under this host. */
    public void acceptNested(NestedWorker item) {
        nestedNames.accept(item);
        for (int i = 0; i < nested.size(); i++) {
            if (nested.get(i).pid() == item.pid()) {
                nested.set(i, item);
                return;
            }
        }
        nested.add(item);
    }

    // ------------------------------------------------------------------ read side

    public Worker worker() {
        return worker;
    }

    /** The name shown for this worker: its own, or, after a restart, the one it had before. */
    public String name() {
        return name;
    }

    public long pid() {
        return worker.pid();
    }

    public ReadOnlyObjectProperty<WorkerState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public WorkerState state() {
        return state.get();
    }

    /** The exit code once the process has exited, else null. */
    public ReadOnlyObjectProperty<Integer> exitCodeProperty() {
        return exitCode.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stderrTailProperty() {
        return stderrTail.getReadOnlyProperty();
    }

    /** Why the worker could not start, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The last thing the user should know about this worker (it could not start...), or null. */
    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Tells the user something about this worker (UI thread). */
    public void tell(Notice n) {
        notice.set(n);
    }

    /** Forgets {@code n} if it is still this worker's notice (UI thread): it has been read, or has faded. */
    public void dismiss(Notice n) {
        if (notice.get() == n) {
            notice.set(null);
        }
    }

    /** True once the worker has started (said hello); false for one still starting or that never started. */
    public ReadOnlyBooleanProperty startedProperty() {
        return started.getReadOnlyProperty();
    }

    /** Whether the worker ended without ever having started (its start failed). */
    public boolean neverStarted() {
        return !started.get() && state.get() == WorkerState.EXITED;
    }

    public ReadOnlyLongProperty rssBytesProperty() {
        return rssBytes.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<WorkerStats> lastStatsProperty() {
        return lastStats.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Duration> launchTimeProperty() {
        return launchTime.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Duration> lastRunTimeProperty() {
        return runs.lastRunTimeProperty();
    }

    public ReadOnlyStringProperty javaVersionProperty() {
        return javaVersion.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty javaHomeProperty() {
        return javaHome.getReadOnlyProperty();
    }

    /** The JVM's input arguments once it is ready; before that (or if it never starts), the spec's flags. */
    public ReadOnlyObjectProperty<List<String>> jvmFlagsProperty() {
        return jvmFlags.getReadOnlyProperty();
    }

    /** Runs submitted and not finished (the running one included). */
    public ReadOnlyIntegerProperty pendingRunsProperty() {
        return runs.pendingProperty();
    }

    /** The most results kept per worker; older finished ones go first (a long demo stays light). */
    public static final int MAX_RESULTS = 500;

    public ObservableList<ResultEntry> results() {
        return runs.results();
    }

    public ObservableList<WorkerStats> samples() {
        return samples;
    }

    public ObservableList<NestedWorker> nested() {
        return nested;
    }

    /** The name shown for a nested worker of this one: unique in the tree ({@code worker-1.1}, …). */
    public String nestedName(NestedWorker n) {
        return nestedNames.name(n);
    }

    /** The name shown for the worker that started the nested worker {@code n}. */
    public String nestedParentName(NestedWorker n) {
        return nestedNames.parentName(n);
    }

    public OutputBuffer output() {
        return output;
    }

    /** The worker's {@code System.in}: whether its code waits for a line, and the lines typed for it. */
    public WorkerInput input() {
        return input;
    }

    @Override
    public String toString() {
        return name() + " (" + pid() + ")";
    }

    static Throwable unwrap(Throwable t) {
        return KilnException.unwrap(t);
    }

    static String describe(Throwable e) {
        if (e instanceof RemoteException re) {
            return re.getMessage();
        }
        String m = e.getMessage();
        if (e instanceof CompilationException
                || e instanceof WorkerTerminatedException
                || e instanceof EvaluationInterruptedException) {
            return m;
        }
        return m == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + m;
    }
}
