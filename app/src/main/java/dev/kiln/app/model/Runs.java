package dev.kiln.app.model;

import dev.kiln.CompilationException;
import dev.kiln.EvalResult;
import dev.kiln.EvaluationInterruptedException;
import dev.kiln.RemoteException;
import dev.kiln.RemoteImage;
import dev.kiln.RemoteValue;
import dev.kiln.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A worker's runs: the results history (capped), the queue, and the outcome of each run. Runs go
 * to the worker one at a time, in order, from the worker's request thread; each run's output
 * starts under its separator ({@link ResultEntry#separator()}). Changed on the UI thread only.
 */
final class Runs {
    private final Worker worker;
    private final Ui ui;
    private final OutputBuffer output;
    private final ExecutorService requests;
    private final Supplier<RuntimeException> exited;
    private final ReadOnlyObjectWrapper<Duration> lastRunTime = new ReadOnlyObjectWrapper<>(this, "lastRunTime");
    private final ReadOnlyIntegerWrapper pending = new ReadOnlyIntegerWrapper(this, "pendingRuns");
    private final ObservableList<ResultEntry> results = FXCollections.observableArrayList();
    /** Runs given to this worker (and to the processes it restarted from): the next run's number less one. */
    private int count;
    /** Completes when the latest run handed to the worker is done; used on the request thread only. */
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

    /**
     * @param requests the worker's request thread
     * @param exited   what a run fails with once the worker has exited
     */
    Runs(Worker worker, Ui ui, OutputBuffer output, ExecutorService requests, Supplier<RuntimeException> exited) {
        this.worker = worker;
        this.ui = ui;
        this.output = output;
        this.requests = requests;
        this.exited = exited;
    }

    /** Carries on from the runs of the process this one restarts (UI thread): the history and the count. */
    void continueFrom(Runs previous, String mark) {
        count = previous.count;
        results.addAll(previous.results);
        results.add(ResultEntry.marker(mark));
    }

    ResultEntry run(String source, ResultEntry.Place place) {
        ResultEntry entry = new ResultEntry(source, place, ++count);
        results.add(entry);
        trim();
        pending.set(pending.get() + 1);
        if (pending.get() == 1) {
            entry.running();
        }
        if (requests.isShutdown()) {
            finish(entry, null, exited.get());
            return entry;
        }
        requests.execute(() -> afterPrevious(entry));
        return entry;
    }

    /**
     * On the request thread: hands the run to the worker once the run before it is done, so its
     * separator goes into the output after everything the earlier run printed (a worker sends a run's
     * output before its result) and before anything this one prints. A run with nothing ahead of it
     * starts at once, here, so an interrupt queued after it reaches it even while it compiles.
     */
    private void afterPrevious(ResultEntry entry) {
        CompletableFuture<Void> previous = last;
        CompletableFuture<Void> done = new CompletableFuture<>();
        last = done;
        if (previous.isDone()) {
            evaluate(entry, done);
            return;
        }
        previous.thenRun(() -> {
            try {
                requests.execute(() -> evaluate(entry, done));
            } catch (RejectedExecutionException gone) {
                evaluate(entry, done); // fails at once: the worker has exited
            }
        });
    }

    private void evaluate(ResultEntry entry, CompletableFuture<Void> done) {
        CompletableFuture<EvalResult> f;
        try {
            worker.ready().join();
            output.separate(entry.separator());
            f = worker.evaluate(entry.source());
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((r, err) -> {
            done.complete(null);
            ui.post(() -> finish(entry, r, err));
        });
    }

    private void finish(ResultEntry entry, EvalResult r, Throwable err) {
        if (err == null) {
            String shown = !r.valueText().isEmpty() ? r.valueText() : r.display();
            RemoteImage image = r.value() instanceof RemoteValue v ? v.image() : null;
            entry.succeeded(shown, r.duration(), image);
            lastRunTime.set(r.duration());
        } else {
            Throwable e = WorkerViewModel.unwrap(err);
            ResultEntry.Status kind = e instanceof EvaluationInterruptedException
                    ? ResultEntry.Status.INTERRUPTED
                    : ResultEntry.Status.ERROR;
            List<CompilationException.Diagnostic> diags =
                    e instanceof CompilationException ce ? ce.diagnostics() : List.of();
            String full = e instanceof CompilationException ce
                    ? EditorPositions.describe(ce.diagnostics(), entry.place())
                    : WorkerViewModel.describe(e);
            String first = kind == ResultEntry.Status.INTERRUPTED
                    ? "interrupted"
                    : full.lines().findFirst().orElse(full);
            entry.failed(kind, first, full, entry.elapsed(), diags, e instanceof RemoteException re ? re : null);
        }
        pending.set(Math.max(0, pending.get() - 1));
        trim();
        for (ResultEntry e : results) {
            if (!e.status().isDone()) {
                if (e.status() == ResultEntry.Status.QUEUED) {
                    e.running();
                }
                break;
            }
        }
    }

    private void trim() {
        for (int i = 0; results.size() > WorkerViewModel.MAX_RESULTS && i < results.size(); ) {
            if (results.get(i).status().isDone()) {
                results.remove(i);
            } else {
                i++;
            }
        }
    }

    ObservableList<ResultEntry> results() {
        return results;
    }

    ReadOnlyIntegerProperty pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Duration> lastRunTimeProperty() {
        return lastRunTime.getReadOnlyProperty();
    }
}
