package dev.kiln.bench;

import dev.kiln.WorkerState;
import dev.kiln.app.Settings;
import dev.kiln.app.Workbench;
import dev.kiln.app.model.OutputBuffer;
import dev.kiln.app.model.OutputLine;
import dev.kiln.app.model.ResultEntry;
import dev.kiln.app.model.WorkerViewModel;
import dev.kiln.platform.OsFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;

/**
 * The workbench's JavaFX thread while workers flood it with output: the real workbench, in this
 * process, on the X display the benchmarks run under. Its worst delay is the longest wait of a
 * task posted to the FX thread every {@value #PROBE_MILLIS} ms (what a key press or a click would
 * wait for at worst), from the click on Run until the last line is shown: one worker printing
 * {@value #ONE_WORKER_LINES} lines, and {@value #WORKERS} workers printing {@value #LINES_EACH}
 * lines each at once. Also the time until the output is complete, and what the workbench costs at
 * rest with those workers ({@link IdleWorkbench}). Left out, with a note, without a display.
 */
final class UiUnderLoad implements Scenario {
    static final int ONE_WORKER_LINES = 300_000;
    static final int WORKERS = 10;
    static final int LINES_EACH = 30_000;
    private static final int PROBE_MILLIS = 5;
    private static final long START_SECONDS = 180;
    private static final long FLOOD_SECONDS = 300;

    @Override
    public String title() {
        return "the workbench's FX thread under output floods";
    }

    /** Whether JavaFX can open a window here: on Linux and other Unixes only with an X display. */
    static boolean hasDisplay(OsFamily os, Map<String, String> env) {
        return switch (os) {
            case WINDOWS, MACOS -> true;
            case LINUX, OTHER_UNIX -> {
                String display = env.get("DISPLAY");
                yield display != null && !display.isBlank();
            }
        };
    }

    /** The snippet a user would run to print {@code lines} lines: {@code line 0} to {@code line <lines-1>}. */
    static String printLoop(int lines) {
        return "for (int i = 0; i < " + lines + "; i++) System.out.println(\"line \" + i);";
    }

    @Override
    public void run(Bench bench, Report report) throws Exception {
        if (!hasDisplay(OsFamily.current(), System.getenv())) {
            report.note("The UI-under-load rows are left out: they need a display (run the benchmarks under"
                    + " `xvfb-run -a -s \"-screen 0 1280x800x24\"`).");
            return;
        }
        try {
            Platform.startup(() -> {});
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            report.note("The UI-under-load rows are left out: JavaFX could not start here (" + e + ").");
            return;
        }
        Platform.setImplicitExit(false);
        Path config = Files.createTempDirectory("kiln-bench-ui");
        Workbench workbench = onFx(() -> {
            Stage stage = new Stage();
            return Workbench.show(stage, new Settings(config), () -> {});
        });
        try {
            List<WorkerViewModel> workers = startWorkers(workbench, WORKERS);
            List<Row> idle = IdleWorkbench.measure(
                    bench,
                    workbench,
                    workers,
                    r -> onFx(() -> {
                        r.run();
                        return null;
                    }));
            WorkerViewModel first = workers.get(0);
            List<Double> oneComplete = new ArrayList<>();
            List<Double> tenComplete = new ArrayList<>();
            Sampler sampler = new Sampler();
            Sampler.Series one = sampler.add("ms", () -> {
                Flood f = flood(workbench, List.of(first), ONE_WORKER_LINES);
                oneComplete.add(f.completeMillis());
                return f.worstDelayMillis();
            });
            Sampler.Series ten = sampler.add("ms", () -> {
                Flood f = flood(workbench, workers, LINES_EACH);
                tenComplete.add(f.completeMillis());
                return f.worstDelayMillis();
            });
            int warmUp = 1;
            sampler.run(warmUp, bench.rounds(5));
            String probe = "the longest a task posted to the FX thread every " + PROBE_MILLIS + " ms waited to run"
                    + " (what a key press or click would wait at worst), from Run until the last line is on"
                    + " screen; the real workbench in the benchmarks' process, under Xvfb, 1280×800, output"
                    + " following its tail (" + OutputBuffer.DEFAULT_CAP + "-line cap)";
            report.add(Row.of(
                    "UI under load: worst delay of the workbench's FX thread while one worker prints "
                            + String.format("%,d", ONE_WORKER_LINES) + " lines (`" + printLoop(ONE_WORKER_LINES)
                            + "`, run with Run)",
                    one.figures(),
                    null,
                    Goal.atMost(100, "ms"),
                    probe));
            report.add(Row.of(
                    "UI under load: time until those " + String.format("%,d", ONE_WORKER_LINES)
                            + " lines are complete, the last one on screen",
                    Figures.of("ms", oneComplete.subList(warmUp, oneComplete.size())),
                    null,
                    Goal.measuredOnly(),
                    "from Run until the last line is on screen; the lines the cap dropped are counted"));
            report.add(Row.of(
                            "UI under load: worst delay of the FX thread while " + WORKERS + " workers print "
                                    + String.format("%,d", LINES_EACH) + " lines each at once (all selected, one Run)",
                            ten.figures(),
                            null,
                            Goal.atMost(100, "ms"),
                            probe + "; the output pane shows the first worker, the others' output is kept for theirs;"
                                    + " the workers run at low CPU priority (`nice -n 10`, the workbench's default)")
                    .withWhyMissed("ten worker JVMs busy at once leave the FX thread waiting for a core: ten workers"
                            + " running a plain loop that prints nothing delay it as long (checked when this row was"
                            + " added), while its own work during a flood is a fraction of the window; JFR shows it"
                            + " waiting for the software renderer's previous frame and for the CPU, no longer for"
                            + " the output buffer's lock"));
            report.add(Row.of(
                    "UI under load: time until the " + WORKERS + " workers' output is complete",
                    Figures.of("ms", tenComplete.subList(warmUp, tenComplete.size())),
                    null,
                    Goal.measuredOnly(),
                    "from Run until every worker's last line is in its output, the shown one's on screen"));
            idle.forEach(report::add);
        } finally {
            onFx(workbench::close).get(2, TimeUnit.MINUTES);
            Platform.exit();
            Scratch.deleteTree(config);
        }
    }

    /** What one flood measured. */
    private record Flood(double worstDelayMillis, double completeMillis) {}

    /** Starts {@code count} workers with New worker, as a user clicks it, and waits until all are idle. */
    private static List<WorkerViewModel> startWorkers(Workbench workbench, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            onFx(() -> {
                button(workbench, "#newWorkerButton").fire();
                return null;
            });
        }
        waitUntil(
                count + " workers idle",
                START_SECONDS,
                () -> onFx(() -> workbench.viewModel().workers().size() == count
                        && workbench.viewModel().workers().stream().allMatch(w -> w.state() == WorkerState.IDLE)));
        return onFx(() -> List.copyOf(workbench.viewModel().workers()));
    }

    /**
     * Runs {@link #printLoop} of {@code lines} in {@code workers} (the first one shown) with Run,
     * their output cleared first; measures until each worker's last line is in its output and the
     * shown one's on screen, then checks that every worker's output is complete.
     */
    private static Flood flood(Workbench workbench, List<WorkerViewModel> workers, int lines) throws Exception {
        WorkerViewModel shown = workers.get(0);
        String lastLine = "line " + (lines - 1);
        onFx(() -> {
            workbench.viewModel().choose(workers, shown);
            workers.forEach(w -> w.output().clear());
            workbench.editor().setText(printLoop(lines));
            return null;
        });
        onFx(() -> null); // what the editor and the selection posted has run
        Bench.settle();
        // Looked up once: a lookup on every probe would load the FX thread it measures.
        VirtualFlow<?> flow =
                onFx(() -> (VirtualFlow<?>) workbench.stage().getScene().lookup("#outputView .virtual-flow"));

        AtomicLong worstWait = new AtomicLong();
        CompletableFuture<Long> shownAt = new CompletableFuture<>();
        ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fx-probe");
            t.setDaemon(true);
            return t;
        });
        long t0 = System.nanoTime();
        try {
            probe.scheduleAtFixedRate(
                    () -> {
                        long posted = System.nanoTime();
                        Platform.runLater(() -> {
                            long now = System.nanoTime();
                            if (!shownAt.isDone()) {
                                worstWait.accumulateAndGet(now - posted, Math::max);
                                if (complete(flow, workers, lastLine)) {
                                    shownAt.complete(now);
                                }
                            }
                        });
                    },
                    0,
                    PROBE_MILLIS,
                    TimeUnit.MILLISECONDS);
            Platform.runLater(() -> button(workbench, "#runButton").fire());
            long done = shownAt.get(FLOOD_SECONDS, TimeUnit.SECONDS);
            Flood f = new Flood(worstWait.get() / 1e6, (done - t0) / 1e6);
            waitUntil(
                    "the runs ended",
                    FLOOD_SECONDS,
                    () -> onFx(() -> workers.stream()
                            .allMatch(w -> !w.results().isEmpty()
                                    && w.results()
                                            .get(w.results().size() - 1)
                                            .status()
                                            .isDone())));
            onFx(() -> {
                workers.forEach(w -> checkComplete(w, lines));
                return null;
            });
            Bench.log(String.format(
                    "%d × %,d lines: worst FX delay %.0f ms, complete in %.0f ms",
                    workers.size(), lines, f.worstDelayMillis(), f.completeMillis()));
            return f;
        } finally {
            probe.shutdownNow();
        }
    }

    /** Whether every worker's output ends with {@code lastLine}, and the shown worker's is on screen (FX thread). */
    private static boolean complete(VirtualFlow<?> flow, List<WorkerViewModel> workers, String lastLine) {
        for (WorkerViewModel w : workers) {
            List<OutputLine> out = w.output().lines();
            if (out.isEmpty() || !out.get(out.size() - 1).text().equals(lastLine)) {
                return false;
            }
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        return last != null && lastLine.equals(last.getText());
    }

    /**
     * The output of {@code w} holds its run's separator and {@code lines} lines, those the cap
     * dropped counted: the kept ones are the last, in order (FX thread).
     */
    private static void checkComplete(WorkerViewModel w, int lines) {
        ResultEntry run = w.results().get(w.results().size() - 1);
        Bench.check(run.status() == ResultEntry.Status.OK, w.name() + "'s flood ran without error: " + run.status());
        List<OutputLine> out = w.output().lines();
        long dropped = w.output().droppedLines().get();
        Bench.check(
                dropped + out.size() == lines + 1L,
                w.name() + "'s output counts every line: " + out.size() + " kept + " + dropped + " dropped, "
                        + (lines + 1) + " expected (the separator and " + lines + " lines)");
        for (int k = 0; k < Math.min(out.size(), lines); k++) {
            String expected = "line " + (lines - 1 - k);
            String actual = out.get(out.size() - 1 - k).text();
            if (!expected.equals(actual)) {
                Bench.check(false, w.name() + "'s output keeps " + expected + ", found " + actual);
            }
        }
    }

    private static ButtonBase button(Workbench workbench, String query) {
        return (ButtonBase) workbench.stage().getScene().lookup(query);
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        FutureTask<T> task = new FutureTask<>(c);
        Platform.runLater(task);
        return task.get(1, TimeUnit.MINUTES);
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    /** Looks every 20 ms until {@code check} holds; fails after {@code seconds} saying what did not happen. */
    private static void waitUntil(String what, long seconds, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + seconds + " s waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
