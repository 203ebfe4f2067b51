package dev.kiln.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.NestedWorker;
import dev.kiln.Worker;
import dev.kiln.WorkerState;
import dev.kiln.WorkerStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The view-model's state transitions against a real worker, without JavaFX: a single
 * thread plays the UI thread, and every read goes through it.
 */
class WorkerViewModelTest {
    private ExecutorService uiThread;
    private Ui ui;
    private WorkbenchViewModel workbench;

    @BeforeEach
    void setUp() {
        uiThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "test-ui");
            t.setDaemon(true);
            return t;
        });
        ui = r -> {
            try {
                uiThread.execute(r);
            } catch (java.util.concurrent.RejectedExecutionException ignored) {
                // a late notification after the test ended: nobody is looking any more
            }
        };
        workbench = new WorkbenchViewModel(ui);
    }

    @AfterEach
    void tearDown() throws Exception {
        workbench.stopAll().get(60, TimeUnit.SECONDS);
        uiThread.shutdownNow();
    }

    private <T> T onUi(Supplier<T> s) {
        return CompletableFuture.supplyAsync(s, uiThread).join();
    }

    private void waitUntil(Supplier<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onUi(condition));
    }

    private WorkerViewModel start() throws Exception {
        return workbench.newWorker(WorkbenchViewModel.defaultSpec()).get(30, TimeUnit.SECONDS);
    }

    @Test
    void withAWarmSpareNewHandsOutAnAlreadyIdleWorkerAndStopAllStopsTheSpare() throws Exception {
        workbench.useWarmSpare();
        // The spare is the only other child process of this JVM while it starts.
        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () -> Worker.live().size() == 1 && Worker.live().get(0).state() == WorkerState.IDLE);
        long sparePid = Worker.live().get(0).pid();
        WorkerViewModel vm = start();
        assertThat(vm.pid()).as("New took the spare").isEqualTo(sparePid);
        assertThat(vm.worker().state()).isEqualTo(WorkerState.IDLE);
        // A replacement spare is on its way; a spec that launches another process never gets it.
        WorkerViewModel other = workbench
                .newWorker(dev.kiln.WorkerSpec.builder()
                        .echoOutput(false)
                        .jvmArgs("-Xmx300m")
                        .build())
                .get(30, TimeUnit.SECONDS);
        waitUntil(() -> other.state() == WorkerState.IDLE);
        assertThat(other.worker().inputArguments()).contains("-Xmx300m");
        workbench.stopAll().get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Worker.live().isEmpty());
    }

    @Test
    void aSpareStartedAheadIsTheFirstWorkerListedWithinTheCallOnceReady() throws Exception {
        // What the app does: its spare's JVM starts before the window, and is ready by the first frame.
        dev.kiln.WorkerPool early = dev.kiln.WorkerPool.of(WorkbenchViewModel.defaultSpec(), 1);
        early.allStarted().get(60, TimeUnit.SECONDS);
        long sparePid = Worker.live().get(0).pid();
        workbench.useSpares(early);
        // Listed in the call itself: not behind whatever the UI thread has queued (the first frame's work).
        CompletableFuture<WorkerViewModel> first = onUi(workbench::startFirstWorker);
        assertThat(first).as("listed within startFirstWorker").isDone();
        WorkerViewModel vm = first.get();
        assertThat(vm.pid()).as("the first worker is the spare started ahead").isEqualTo(sparePid);
        assertThat(onUi(() -> workbench.workers())).containsExactly(vm);
        assertThat(onUi(() -> workbench.firstWorkerStartingProperty().get())).isFalse();

        // A second pool handed in while one is kept is closed, its spare stopped.
        java.util.Set<Long> before = new java.util.HashSet<>();
        Worker.live().forEach(w -> before.add(w.pid()));
        dev.kiln.WorkerPool extra = dev.kiln.WorkerPool.of(WorkbenchViewModel.defaultSpec(), 1);
        extra.allStarted().get(60, TimeUnit.SECONDS);
        Worker extraSpare = Worker.live().stream()
                .filter(w -> !before.contains(w.pid()))
                .findFirst()
                .orElseThrow();
        workbench.useSpares(extra);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !extraSpare.isRunning());
        assertThat(extra.readyCount()).isZero();
    }

    @Test
    void theSelectedStateFollowsTheSelectedWorkerUntilItExits() throws Exception {
        assertThat(onUi(() -> workbench.selectedStateProperty().get())).isNull();
        WorkerViewModel vm = start();
        waitUntil(() -> workbench.selectedStateProperty().get() == WorkerState.IDLE);
        assertThat(onUi(() -> workbench.selected())).isSameAs(vm);
        vm.stop().get(30, TimeUnit.SECONDS);
        waitUntil(() -> workbench.selectedStateProperty().get() == WorkerState.EXITED);
        onUi(() -> {
            workbench.selectedProperty().set(null);
            return null;
        });
        assertThat(onUi(() -> workbench.selectedStateProperty().get())).isNull();
    }

    @Test
    void theResultsHistoryIsCappedOldestFinishedFirst() throws Exception {
        WorkerViewModel vm = start();
        waitUntil(() -> vm.state() == WorkerState.IDLE);
        int n = WorkerViewModel.MAX_RESULTS + 20;
        ResultEntry last = null;
        for (int i = 0; i < n; i++) {
            int k = i;
            last = onUi(() -> vm.run("" + k));
        }
        ResultEntry lastRun = last;
        waitUntil(() -> lastRun.status().isDone());
        assertThat(onUi(() -> vm.results().size())).isEqualTo(WorkerViewModel.MAX_RESULTS);
        assertThat(onUi(() -> vm.results().get(vm.results().size() - 1))).isSameAs(lastRun);
        assertThat(onUi(() -> vm.results().get(0).source())).isEqualTo("20");
    }

    @Test
    void aNewWorkerIsListedAtOnceAsStartingThenIdle() throws Exception {
        WorkerViewModel vm = start();
        List<WorkerState> seen = new CopyOnWriteArrayList<>();
        onUi(() -> {
            seen.add(vm.state());
            vm.stateProperty().addListener((o, a, b) -> seen.add(b));
            return null;
        });
        assertThat(onUi(() -> workbench.workers())).containsExactly(vm);
        assertThat(onUi(workbench::selected)).isSameAs(vm);
        assertThat(vm.pid()).isPositive();
        waitUntil(() -> vm.state() == WorkerState.IDLE);
        assertThat(seen).startsWith(WorkerState.STARTING).endsWith(WorkerState.IDLE);
        waitUntil(() -> !vm.javaVersionProperty().get().isEmpty()
                && vm.launchTimeProperty().get() != null);
    }

    @Test
    void runsQueueInOrderAndEndOkOrError() throws Exception {
        WorkerViewModel vm = start();
        ResultEntry slow = onUi(() -> vm.run("Thread.sleep(800); \"first\""));
        ResultEntry next = onUi(() -> vm.run("21 * 2"));
        ResultEntry broken = onUi(() -> vm.run("int y = \"s\";", new ResultEntry.Place(5, 2, 1)));
        assertThat(onUi(slow::status)).isEqualTo(ResultEntry.Status.RUNNING);
        assertThat(onUi(next::status)).isEqualTo(ResultEntry.Status.QUEUED);
        assertThat(onUi(() -> vm.pendingRunsProperty().get())).isEqualTo(3);
        waitUntil(() -> vm.state() == WorkerState.BUSY || slow.status().isDone());
        waitUntil(() -> broken.status().isDone());
        assertThat(onUi(slow::summary)).isEqualTo("\"first\"");
        assertThat(onUi(next::summary)).isEqualTo("42");
        assertThat(onUi(next::duration)).isNotNull();
        assertThat(onUi(broken::status)).isEqualTo(ResultEntry.Status.ERROR);
        assertThat(onUi(broken::diagnostics))
                .singleElement()
                .satisfies(d -> assertThat(d.line()).isEqualTo(1));
        assertThat(broken.editorOffset()).isEqualTo(5);
        // Told in editor positions: the code started on editor line 3 (index 2), column 2 (index 1).
        assertThat(onUi(broken::summary)).startsWith("line 3, column 10: incompatible types");
        assertThat(onUi(() -> vm.pendingRunsProperty().get())).isZero();
        waitUntil(() -> vm.state() == WorkerState.IDLE);
    }

    @Test
    void killedWorkerIsExitedWithItsCodeAndRefusesRuns() throws Exception {
        WorkerViewModel vm = start();
        waitUntil(() -> vm.state() == WorkerState.IDLE);
        vm.kill().get(30, TimeUnit.SECONDS);
        waitUntil(() -> vm.state() == WorkerState.EXITED);
        assertThat(onUi(() -> vm.exitCodeProperty().get())).isNotNull().isNotZero();
        ResultEntry late = onUi(() -> vm.run("1"));
        waitUntil(() -> late.status().isDone());
        assertThat(onUi(late::status)).isEqualTo(ResultEntry.Status.ERROR);
        assertThat(onUi(late::summary)).contains("has exited");
        // A late state notification must not revive an exited row.
        assertThat(onUi(vm::state)).isEqualTo(WorkerState.EXITED);
    }

    @Test
    void restartReplacesTheRowWithANewProcess() throws Exception {
        WorkerViewModel vm = start();
        waitUntil(() -> vm.state() == WorkerState.IDLE);
        WorkerViewModel fresh = workbench.restart(vm).get(60, TimeUnit.SECONDS);
        assertThat(fresh.pid()).isNotEqualTo(vm.pid());
        assertThat(onUi(() -> List.copyOf(workbench.workers()))).containsExactly(fresh);
        assertThat(vm.worker().isRunning()).isFalse();
    }

    @Test
    void statsSamplesAreCappedAndFeedTheMemoryFigures() throws Exception {
        WorkerViewModel vm = start();
        waitUntil(() -> vm.state() == WorkerState.IDLE);
        waitUntil(() -> !vm.samples().isEmpty());
        onUi(() -> {
            for (int i = 0; i < WorkerViewModel.MAX_SAMPLES + 50; i++) {
                vm.acceptStats(
                        new WorkerStats(Instant.now(), 1000 + i, 1, 2, 3, 4, Duration.ZERO, 5, 0, Duration.ZERO, 2));
            }
            return null;
        });
        assertThat(onUi(() -> vm.samples().size())).isEqualTo(WorkerViewModel.MAX_SAMPLES);
        assertThat(onUi(() -> vm.rssBytesProperty().get())).isEqualTo(1000 + WorkerViewModel.MAX_SAMPLES + 49);
    }

    @Test
    void nestedReportsAddAndUpdateByPid() throws Exception {
        WorkerViewModel vm = start();
        onUi(() -> {
            vm.acceptNested(new NestedWorker(11, vm.pid(), "inner", WorkerState.STARTING, 0));
            vm.acceptNested(new NestedWorker(11, vm.pid(), "inner", WorkerState.IDLE, 0));
            vm.acceptNested(new NestedWorker(12, vm.pid(), "other", WorkerState.EXITED, 3));
            return null;
        });
        assertThat(onUi(() -> List.copyOf(vm.nested())))
                .extracting(NestedWorker::state)
                .containsExactly(WorkerState.IDLE, WorkerState.EXITED);
    }

    @Test
    void interruptWhileTheRunIsStillCompilingStillStopsIt() throws Exception {
        WorkerViewModel vm = start();
        waitUntil(() -> vm.state() == WorkerState.IDLE);
        // The first run of a worker spends a moment in the (cold) compiler: interrupt right away.
        ResultEntry loop = onUi(() -> vm.run("while (true) {}"));
        onUi(vm::interrupt).get(10, TimeUnit.SECONDS);
        waitUntil(() -> loop.status().isDone());
        assertThat(onUi(loop::status)).isEqualTo(ResultEntry.Status.INTERRUPTED);
        ResultEntry next = onUi(() -> vm.run("40 + 2"));
        waitUntil(() -> next.status().isDone());
        assertThat(onUi(next::summary)).isEqualTo("42");
    }

    @Test
    void aWorkerThatCannotStartStaysListedAsExitedWithItsCodeAndStderr() throws Exception {
        WorkerViewModel vm = workbench
                .newWorker(dev.kiln.WorkerSpec.builder()
                        .echoOutput(false)
                        .jvmArgs("-XX:+KilnNoSuchFlag")
                        .build())
                .get(30, TimeUnit.SECONDS);
        waitUntil(() -> vm.state() == WorkerState.EXITED
                && !vm.stderrTailProperty().get().isEmpty());
        assertThat(onUi(() -> vm.exitCodeProperty().get())).isEqualTo(1);
        assertThat(onUi(() -> vm.stderrTailProperty().get())).contains("KilnNoSuchFlag");
        waitUntil(() -> !vm.problemProperty().get().isEmpty());
        assertThat(onUi(() -> workbench.messageProperty().get())).contains("KilnNoSuchFlag");
        assertThat(onUi(() -> List.copyOf(workbench.workers()))).containsExactly(vm);
    }
}
