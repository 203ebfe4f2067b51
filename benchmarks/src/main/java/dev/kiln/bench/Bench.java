package dev.kiln.bench;

import dev.kiln.Worker;
import dev.kiln.WorkerSpec;

/** What every scenario of a run shares: its size, the bare-JVM baselines, worker specs and timing. */
final class Bench {
    private final boolean quick;
    private final BareJvm bare;

    Bench(boolean quick, BareJvm bare) {
        this.quick = quick;
        this.bare = bare;
    }

    /** A smoke run: fewer rounds, short JMH runs. */
    boolean quick() {
        return quick;
    }

    /** The rounds of a scenario: {@code full}, or a quarter of it (at least 2) in a quick run. */
    int rounds(int full) {
        return quick ? Math.max(2, full / 4) : full;
    }

    BareJvm bare() {
        return bare;
    }

    /** A default worker whose output stays in the worker: the figures are the benchmarks' output. */
    static WorkerSpec quiet() {
        return WorkerSpec.builder().echoOutput(false).build();
    }

    /** {@code spec} without the class data sharing archive (the JDK's own default CDS still applies). */
    static WorkerSpec withoutCds(WorkerSpec spec) {
        return spec.toBuilder().classDataSharing(false).build();
    }

    /** {@code Worker.start(spec)} until IDLE, in ms; the stop after it is not counted. */
    static double startMillis(WorkerSpec spec) {
        long t0 = System.nanoTime();
        Worker w = Worker.start(spec);
        double ms = millisSince(t0);
        w.stop();
        return ms;
    }

    /** {@code Worker.start(spec)} and a first {@code callFetch(() -> 1)}, in ms; the stop after it is not counted. */
    static double startAndCallMillis(WorkerSpec spec) {
        long t0 = System.nanoTime();
        Worker w = Worker.start(spec);
        int one = w.callFetch(() -> 1);
        double ms = millisSince(t0);
        w.stop();
        check(one == 1, "the first call's result");
        return ms;
    }

    /** Over this many seconds at a time, {@link #awaitQuietJit} measures the compilers' work. */
    static final int QUIET_SECONDS = 2;
    /** The share of one core, in %, under which the compilers count as quiet. */
    static final int QUIET_JIT_PERCENT = 2;

    /**
     * Waits until this process's JIT is quiet: until its compilers have worked less than {@value
     * #QUIET_JIT_PERCENT}% of a core over {@value #QUIET_SECONDS} s, for at most {@code maxSeconds}
     * from {@code sinceNanos} ({@link System#nanoTime()}). The scenarios run one after another in
     * one process, and what its compilers still have queued from the last one is not the next
     * one's work. Returns the seconds since {@code sinceNanos}.
     */
    static double awaitQuietJit(long sinceNanos, int maxSeconds) throws InterruptedException {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        while (timed && System.nanoTime() - sinceNanos < maxSeconds * 1_000_000_000L) {
            long before = jit.getTotalCompilationTime();
            // Waiting is the measurement here: the compilers' time over a stretch of wall time.
            Thread.sleep(QUIET_SECONDS * 1000L);
            if ((jit.getTotalCompilationTime() - before) * 100 < QUIET_JIT_PERCENT * QUIET_SECONDS * 1000L) {
                break;
            }
        }
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    static double millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e6;
    }

    /** Lets background stops and GC finish so that the next sample does not pay for them. */
    static void settle() {
        System.gc();
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until the host has built the JShell session it keeps ready for its next worker (it
     * does so in the background after a worker's first evaluation), so that the next sample,
     * Kiln's or a baseline's, does not share the CPU with that build. Its thread ends a second
     * after its last build.
     */
    static void awaitSpareSession() throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("kiln-jshell-spare-")) {
                t.join();
            }
        }
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark self-check failed: " + what);
        }
    }

    static void log(String s) {
        System.err.println("[bench] " + s);
    }
}
