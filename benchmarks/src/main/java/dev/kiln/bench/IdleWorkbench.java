package dev.kiln.bench;

import dev.kiln.app.Workbench;
import dev.kiln.app.model.WorkerViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the workbench costs at rest: its process's CPU time, and its workers', while it shows
 * workers that run nothing, the last one selected (its details and memory chart follow it every
 * second, the others' memory is sampled every few seconds). Measured in windows of {@value
 * #WINDOW_SECONDS} s after {@value #SETTLE_SECONDS} s of settling, on the workbench {@link UiUnderLoad}
 * shows (JavaFX starts once per process).
 */
final class IdleWorkbench {
    static final int WINDOW_SECONDS = 4;
    static final int SETTLE_SECONDS = 5;

    private IdleWorkbench() {}

    /** The rows: the workbench's CPU and its workers', in % of one core. */
    static List<Row> measure(Bench bench, Workbench workbench, List<WorkerViewModel> workers, Fx fx) throws Exception {
        WorkerViewModel last = workers.get(workers.size() - 1);
        fx.run(() -> workbench.viewModel().choose(List.of(last), last));
        // Settling and measuring are the point here: what the workbench does while nobody does anything.
        Thread.sleep(Duration.ofSeconds(SETTLE_SECONDS).toMillis());
        List<Double> host = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        int windows = bench.rounds(5);
        for (int i = 0; i < windows; i++) {
            long h0 = hostCpuNanos();
            long w0 = workersCpuNanos(workers);
            long t0 = System.nanoTime();
            Thread.sleep(Duration.ofSeconds(WINDOW_SECONDS).toMillis());
            long wall = System.nanoTime() - t0;
            host.add(100.0 * (hostCpuNanos() - h0) / wall);
            theirs.add(100.0 * (workersCpuNanos(workers) - w0) / wall);
        }
        String setting = workers.size() + " idle workers listed, the last selected (details and memory chart"
                + " following it), the real workbench in the benchmarks' process under Xvfb, 1280×800; median of "
                + windows + " windows of " + WINDOW_SECONDS + " s after " + SETTLE_SECONDS + " s of settling";
        return List.of(
                Row.of(
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
                                        + " periodic runs interpreted or freshly compiled here."),
                Row.of(
                        "Idle workbench: those " + workers.size() + " workers' CPU together",
                        Figures.of("% of a core", theirs),
                        null,
                        Goal.measuredOnly(),
                        "each answers the workbench's stats requests (the selected one every second, the others"
                                + " every few seconds); /proc ticks of 10 ms"));
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
