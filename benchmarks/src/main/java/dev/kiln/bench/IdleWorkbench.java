package dev.kiln.bench;

import dev.kiln.app.Workbench;
import dev.kiln.app.model.WorkerViewModel;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the workbench costs at rest: its process's CPU time, and its workers', while it shows
 * workers that run nothing, the last one selected (its details and memory chart follow it every
 * second, the others' memory is sampled every few seconds). Measured in windows of {@value
 * #WINDOW_SECONDS} s after settling, on the workbench {@link UiUnderLoad} shows (JavaFX starts once
 * per process).
 *
 * <p>Settling is at least {@value #SETTLE_SECONDS} s, and then until the JIT is quiet: until its
 * compilers have worked less than {@value Bench#QUIET_JIT_PERCENT}% of a core over {@value
 * Bench#QUIET_SECONDS} s, for at most {@value #MAX_SETTLE_SECONDS} s in all. This process has run every
 * other scenario before this one (JMH, the transfers, the workers' starts), and what its compilers
 * still have queued from them is not the workbench's; a workbench left open is measured at rest.
 * What the JIT did during the windows is reported beside the figure.
 */
final class IdleWorkbench {
    static final int WINDOW_SECONDS = 4;
    static final int SETTLE_SECONDS = 5;
    static final int MAX_SETTLE_SECONDS = 60;

    private IdleWorkbench() {}

    /** The rows: the workbench's CPU and its workers', in % of one core. */
    static List<Row> measure(Bench bench, Workbench workbench, List<WorkerViewModel> workers, Fx fx) throws Exception {
        WorkerViewModel last = workers.get(workers.size() - 1);
        fx.run(() -> workbench.viewModel().choose(List.of(last), last));
        // Settling and measuring are the point here: what the workbench does while nobody does anything.
        long settleStart = System.nanoTime();
        Thread.sleep(Duration.ofSeconds(SETTLE_SECONDS).toMillis());
        double settled = Bench.awaitQuietJit(settleStart, MAX_SETTLE_SECONDS);
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
        List<Double> host = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        int windows = bench.rounds(5);
        List<Double> compiling = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            long h0 = hostCpuNanos();
            long w0 = workersCpuNanos(workers);
            long j0 = jitTimed ? jit.getTotalCompilationTime() : 0;
            long t0 = System.nanoTime();
            Thread.sleep(Duration.ofSeconds(WINDOW_SECONDS).toMillis());
            long wall = System.nanoTime() - t0;
            host.add(100.0 * (hostCpuNanos() - h0) / wall);
            theirs.add(100.0 * (workersCpuNanos(workers) - w0) / wall);
            if (jitTimed) {
                compiling.add(100.0 * (jit.getTotalCompilationTime() - j0) * 1_000_000L / wall);
            }
        }
        String setting = workers.size() + " idle workers listed, the last selected (details and memory chart"
                + " following it), the real workbench in the benchmarks' process under Xvfb, 1280×800; median of "
                + windows + " windows of " + WINDOW_SECONDS + " s after " + String.format("%.0f", settled)
                + " s of settling (at least " + SETTLE_SECONDS + " s, then until the JIT compiled less than "
                + Bench.QUIET_JIT_PERCENT + "% of a core for " + Bench.QUIET_SECONDS + " s, at most "
                + MAX_SETTLE_SECONDS
                + " s: this process ran every other scenario first, and what its compilers still had queued from"
                + " them is not the workbench's)";
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of(
                        "Idle workbench: its process's CPU with " + workers.size() + " idle workers",
                        Figures.of("% of a core", host),
                        null,
                        Goal.atMost(15, "% of a core"),
                        setting + "; the team's goal: a workbench left open on a laptop costs little")
                .withWhyMissed(
                        "Profiled (async-profiler, 90 s of idling after 60 s of settling): about two fifths of this"
                                + " CPU is the JIT compilers, still compiling the JavaFX and Kiln code that runs once a second"
                                + " a minute and more after the workers started (some 250 compilations in 20 s, a third of"
                                + " them made not entrant); about a third is the FX thread: once a second the watched"
                                + " worker's two charts take a point and lay out their auto-ranging axes, its details and the"
                                + " list's memory labels change, and the stats requests are written; the rest is GC, the"
                                + " connections' readers, the software renderer under Xvfb and the timer thread. Everything"
                                + " periodic runs interpreted or freshly compiled here."));
        if (!compiling.isEmpty()) {
            rows.add(Row.of(
                    "Idle workbench: of its process's CPU, the JIT compiling",
                    Figures.of("% of a core", compiling),
                    null,
                    Goal.measuredOnly(),
                    "the same windows; the compilers' time (`CompilationMXBean`): JavaFX's and Kiln's periodic code"
                            + " compiled as it turns hot, and what is left of the earlier scenarios'"));
        }
        rows.add(Row.of(
                "Idle workbench: those " + workers.size() + " workers' CPU together",
                Figures.of("% of a core", theirs),
                null,
                Goal.measuredOnly(),
                "each answers the workbench's stats requests (the selected one every second, the others"
                        + " every few seconds); /proc ticks of 10 ms"));
        return rows;
    }

    private static long hostCpuNanos() {
        return ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this OS does not say the process's CPU time"))
                .toNanos();
    }

    private static long workersCpuNanos(List<WorkerViewModel> workers) throws IOException {
        long sum = 0;
        for (WorkerViewModel w : workers) {
            sum += processCpuNanos(w.pid());
        }
        return sum;
    }

    /** A process's CPU time so far: {@code /proc/<pid>/stat} (user + system ticks) where it exists, else the JDK's. */
    private static long processCpuNanos(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (Files.exists(stat)) {
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L; // USER_HZ is 100 on Linux
        }
        return ProcessHandle.of(pid)
                .flatMap(p -> p.info().totalCpuDuration())
                .map(Duration::toNanos)
                .orElse(0L);
    }

    /** Runs code on the FX thread and waits for it. */
    @FunctionalInterface
    interface Fx {
        void run(Runnable r) throws Exception;
    }
}
