package dev.kiln.app;

import static dev.kiln.app.UiTestSupport.waitUntil;

import dev.kiln.WorkerState;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A measurement, not a test (surefire's default pattern leaves it out): the workbench with ten idle
 * workers, the last one selected, and what it costs at rest. It measures the host process's CPU time
 * over a period (after a settling period), the busiest host threads, and each worker's CPU time, and
 * writes the figures to {@code target/idle-cpu.txt} and the window to {@code target/idle-cpu.png}. Run it alone:
 *
 * <pre>
 * mvn -B -o -pl app verify -Dtest=IdleCpuProbe -Dsurefire.failIfNoSpecifiedTests=false -DskipInstaller
 * </pre>
 *
 * ({@code -Dkiln.idleCpu.seconds=30} measures longer; under Xvfb, {@code -Dtestfx.headless=false}
 * measures a real window; {@code -Dkiln.idleCpu.jfr=/tmp/idle.jfr} records the measured period with
 * Flight Recorder's profile settings, for {@code jfr print --events jdk.ExecutionSample}.)
 */
class IdleCpuProbe extends WorkbenchUiTestBase {
    private static final int WORKERS = 10;
    private static final Duration SETTLE = Duration.ofSeconds(Long.getLong("kiln.idleCpu.settle", 8));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("kiln.idleCpu.seconds", 10));

    @Start
    void start(Stage s) {
        startWorkbench(s);
    }

    @Test
    void tenIdleWorkers() throws Exception {
        WorkbenchViewModel model = workbench.viewModel();
        List<CompletableFuture<WorkerViewModel>> starts = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            starts.add(onFx(() -> model.newWorker(WorkbenchViewModel.defaultSpec())));
        }
        List<WorkerViewModel> workers = new ArrayList<>();
        for (CompletableFuture<WorkerViewModel> f : starts) {
            workers.add(f.get(120, TimeUnit.SECONDS));
        }
        for (WorkerViewModel vm : workers) {
            waitUntil(vm.name() + " is idle", 120, () -> vm.state() == WorkerState.IDLE);
        }
        WorkerViewModel last = workers.get(workers.size() - 1);
        onFx(() -> {
            model.choose(List.of(last), last);
            return null;
        });
        if (Boolean.getBoolean("kiln.idleCpu.focusList")) {
            onFx(() -> {
                stage.getScene().lookup("#workerList").requestFocus();
                return null;
            });
        }
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(
                "the chart has figures", 30, () -> onFx(() -> workbench.chart().pointCount() > 0));

        // The measurement period is what is measured: sleeping through it is the point.
        Thread.sleep(SETTLE.toMillis());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> threadCpu0 = threadCpu(threads);
        Map<Long, Long> workerCpu0 = workerCpu(workers);
        String jfr = System.getProperty("kiln.idleCpu.jfr");
        Recording recording = null;
        if (jfr != null) {
            recording = new Recording(Configuration.getConfiguration("profile"));
            recording.start();
        }
        long host0 = hostCpuNanos();
        long wall0 = System.nanoTime();
        Thread.sleep(MEASURE.toMillis());
        long host1 = hostCpuNanos();
        long wall1 = System.nanoTime();
        Map<Long, Long> workerCpu1 = workerCpu(workers);
        Map<Long, Long> threadCpu1 = threadCpu(threads);
        if (recording != null) {
            recording.dump(Path.of(jfr));
            recording.close();
        }

        double wall = (wall1 - wall0) / 1e9;
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Idle workbench, %d workers, %.1f s measured after %d s settling (headless=%s)%n",
                WORKERS,
                wall,
                SETTLE.toSeconds(),
                System.getProperty("testfx.headless")));
        out.append(String.format(
                Locale.ROOT,
                "host: %.3f s CPU = %.2f %% of a core%n",
                (host1 - host0) / 1e9,
                100 * (host1 - host0) / 1e9 / wall));
        List<Map.Entry<Long, Long>> busiest = new ArrayList<>();
        for (Map.Entry<Long, Long> e : threadCpu1.entrySet()) {
            long before = threadCpu0.getOrDefault(e.getKey(), 0L);
            busiest.add(Map.entry(e.getKey(), e.getValue() - before));
        }
        busiest.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        for (Map.Entry<Long, Long> e : busiest.subList(0, Math.min(12, busiest.size()))) {
            var info = threads.getThreadInfo(e.getKey());
            out.append(String.format(
                    Locale.ROOT,
                    "  thread %-40s %7.1f ms%n",
                    info == null ? "(ended) " + e.getKey() : info.getThreadName(),
                    e.getValue() / 1e6));
        }
        double workersTotal = 0;
        for (WorkerViewModel vm : workers) {
            long d = workerCpu1.get(vm.pid()) - workerCpu0.get(vm.pid());
            workersTotal += d / 1e9;
            out.append(String.format(
                    Locale.ROOT,
                    "worker %-10s pid %-7d %.3f s CPU = %.2f %% of a core%n",
                    vm.name(),
                    vm.pid(),
                    d / 1e9,
                    100 * d / 1e9 / wall));
        }
        out.append(String.format(
                Locale.ROOT,
                "workers together: %.3f s CPU = %.2f %% of a core%n",
                workersTotal,
                100 * workersTotal / wall));
        System.out.print(out);
        // What the person at the projector sees after the measured minute: the chart still follows the worker.
        Path shot = Path.of("target", "idle-cpu.png");
        WaitForAsyncUtils.asyncFx(() -> {
                    UiLook.snapshot(stage.getScene(), shot);
                    return null;
                })
                .get(30, TimeUnit.SECONDS);
        Path report = Path.of("target", "idle-cpu.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, out);
    }

    private static long hostCpuNanos() {
        return ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .orElseThrow(() -> new AssertionError("this OS does not say the process's CPU time"))
                .toNanos();
    }

    private static Map<Long, Long> threadCpu(ThreadMXBean threads) {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t >= 0) {
                cpu.put(id, t);
            }
        }
        return cpu;
    }

    /** Each worker's CPU time so far, from {@code /proc/<pid>/stat} (user + system ticks) on Linux. */
    private static Map<Long, Long> workerCpu(List<WorkerViewModel> workers) throws IOException {
        Map<Long, Long> cpu = new HashMap<>();
        for (WorkerViewModel vm : workers) {
            cpu.put(vm.pid(), processCpuNanos(vm.pid()));
        }
        return cpu;
    }

    private static long processCpuNanos(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (Files.exists(stat)) {
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        }
        return ProcessHandle.of(pid)
                .flatMap(p -> p.info().totalCpuDuration())
                .orElse(Duration.ZERO)
                .toNanos();
    }
}
