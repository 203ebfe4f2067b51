package dev.kiln.bench;

import dev.kiln.Worker;
import dev.kiln.WorkerPool;
import dev.kiln.WorkerSpec;
import dev.kiln.platform.OsFamily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Idle resident memory (VmRSS, 1 s after ready): a worker against a bare JVM waiting on stdin,
 * without Kiln's class data sharing archive, and a pool's warmed spare. Read from
 * {@code /proc}: Linux only.
 */
final class IdleMemory implements Scenario {
    @Override
    public String title() {
        return "idle resident memory";
    }

    @Override
    public void run(Bench bench, Report report) throws Exception {
        if (OsFamily.current() != OsFamily.LINUX) {
            report.note("Resident memory is read from /proc/PID/status, which only Linux has: the idle memory rows "
                    + "are left out on " + OsFamily.current() + ".");
            return;
        }
        WorkerSpec spec = Bench.quiet();
        Sampler sampler = new Sampler();
        Sampler.Series worker = sampler.add("MB", () -> idleWorkerMb(spec));
        Sampler.Series workerNoCds = sampler.add("MB", () -> idleWorkerMb(Bench.withoutCds(spec)));
        Sampler.Series bare = sampler.add("MB", () -> idleBareMb(bench.bare()));
        Sampler.Series spare = sampler.add("MB", () -> idleSpareMb(spec));
        sampler.run(bench.rounds(4));

        report.add(Row.of(
                        "Idle resident memory (VmRSS): worker vs bare JVM (`Idle`: waits on stdin)",
                        worker.figures(),
                        bare.figures(),
                        Goal.ratioAtMost(1.15),
                        "1 s after ready; both with the JDK's default heap and GC flags. The worker's class data"
                                + " sharing archive takes the place of the JDK's default one: the JDK's default classes and"
                                + " the worker's (on JDK 17 here, 17.7 MB, 14.5 MB of it resident against 12.5 MB of the"
                                + " JDK's in the bare JVM); beyond that, about 1 MB of anonymous memory and the socket's"
                                + " libraries; no agent or output capture until the host's first message, and no"
                                + " serializer, management beans or output-flusher thread until a request needs them")
                .withWhyMissed("Measured per mapping (/proc/PID/smaps): the kernel maps the 64 KB around each page"
                        + " of the archive the JVM touches, and its start-up lookups touch most of them, so the"
                        + " archive costs about its size. It holds what a worker's first calls, its first result that"
                        + " is not a scalar (Kryo) and its snippet engine load, and the JDK's default classes, which"
                        + " user code would otherwise load more slowly than a bare JVM does (1.4 MB; nothing of the"
                        + " training's host half or of stats). The anonymous memory above a bare JVM's is start-up"
                        + " allocation in the heap, the JIT's and the class loaders' native memory and one more"
                        + " thread (control)."));
        report.add(Row.of(
                "Idle worker resident memory without CDS vs with",
                workerNoCds.figures(),
                worker.figures(),
                Goal.measuredOnly(),
                "mapped archive pages count as resident"));
        report.add(Row.of(
                "Idle resident memory of a warmed spare (`WorkerPool`) vs a plain idle worker",
                spare.figures(),
                worker.figures(),
                Goal.measuredOnly(),
                "the price of the warm-up: the snippet engine and the call path loaded"));
    }

    private static double idleWorkerMb(WorkerSpec spec) throws Exception {
        try (Worker w = Worker.start(spec)) {
            Thread.sleep(1000);
            return residentMb(w.pid());
        }
    }

    /** A pool's spare, warmed and idle: what the app keeps in the background. */
    private static double idleSpareMb(WorkerSpec spec) throws Exception {
        try (WorkerPool pool = WorkerPool.of(spec, 1)) {
            pool.allReady().join();
            Thread.sleep(1000);
            Bench.check(Worker.live().size() == 1, "one spare");
            return residentMb(Worker.live().get(0).pid());
        }
    }

    private static double idleBareMb(BareJvm bare) throws Exception {
        Process p = bare.startIdle();
        try {
            Thread.sleep(1000);
            return residentMb(p.pid());
        } finally {
            p.getOutputStream().close();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static double residentMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
    }
}
