package dev.kiln.bench;

import dev.kiln.Worker;
import dev.kiln.WorkerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Twenty workers started at once until all are IDLE, against twenty bare JVMs started at once until all exit. */
final class TwentyWorkers implements Scenario {
    private static final int COUNT = 20;
    private static final int MAX_SETTLE_SECONDS = 30;

    @Override
    public String title() {
        return "twenty workers at once";
    }

    @Override
    public void run(Bench bench, Report report) throws Exception {
        WorkerSpec spec = Bench.quiet();
        Sampler sampler = new Sampler();
        Sampler.Series kiln = sampler.add("ms", () -> startAllMillis(spec, COUNT));
        Sampler.Series bare = sampler.add("ms", () -> {
            long t0 = System.nanoTime();
            List<Process> ps = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                ps.add(bench.bare().startHello());
            }
            for (Process p : ps) {
                p.waitFor();
            }
            return Bench.millisSince(t0);
        });
        ConnectBack connectBack = bench.bare().connectBack();
        Sampler.Series floor = sampler.add("ms", () -> connectBack.allReadyMillis(COUNT));
        // One round untimed (the host's first starts of this size load and compile its side of them), then a quiet
        // JIT: the scenarios before this one leave the compilers a queue that would take the cores from all three.
        sampler.run(1, 0);
        double settled = Bench.awaitQuietJit(System.nanoTime(), MAX_SETTLE_SECONDS);
        sampler.run(bench.rounds(6));

        report.add(Row.of(
                "The floor for twenty at once: twenty bare JVMs that connect back and say hello (see the launch"
                        + " floor), started at once until every hello arrived, vs 20 bare `java Hello` at once",
                floor.figures(),
                bare.figures(),
                Goal.measuredOnly(),
                "when this ratio is above the goal of the row after next, that goal is below what workers over a"
                        + " socket can reach; Kiln's local workers on Linux connect through named pipes"));
        report.add(Row.of(
                "Twenty workers started at once vs that floor",
                kiln.figures(),
                floor.figures(),
                Goal.measuredOnly(),
                "beyond the floor: each worker's own start (see launch to ready) and the host's side of twenty"
                        + " handshakes; below it: two named pipes opened where the floor makes a socket (Linux; at"
                        + " ready a worker has used 31 ms of CPU over pipes, 44 ms over a socket, a bare JVM 30 ms)"));

        report.add(Row.of(
                        "Twenty workers started at once (`startAsync`) until all IDLE vs 20 bare `java Hello` at"
                                + " once until all exit",
                        kiln.figures(),
                        bare.figures(),
                        Goal.ratioAtMost(1.3),
                        "2 cores share 20 JVM starts; one round untimed, then "
                                + String.format("%.0f", settled) + " s until the host's JIT was quiet (under "
                                + Bench.QUIET_JIT_PERCENT + "% of a core for " + Bench.QUIET_SECONDS + " s)")
                .withWhyMissed("Each worker does what the launch-to-ready row describes beyond a bare JVM, and "
                        + "the host accepts, authenticates and pumps twenty of them at once: with 2 cores the "
                        + "extra work of each start adds up rather than overlaps. "
                        + Goal.floorSentence(
                                floor.figures(),
                                bare.figures(),
                                1.3,
                                "twenty of the launch floor's JVMs,"
                                        + " which connect back and say hello, against twenty bare ones")
                        + " Kiln against that floor: the row above. Measured per thread (/proc/PID/task/*/schedstat): a worker had used 50 ms of CPU when"
                        + " ready (56 ms half a second later: C1 7 ms, the socket's thread 11 ms, the control thread 34"
                        + " ms), a bare idle JVM 37 ms half a second after its start (C1 1.3 ms); the host used 3.5-5.5 ms"
                        + " per worker of twenty started at once, 0.5-1 ms per bare JVM. Half of the socket thread's"
                        + " CPU is the JDK's own first lambda (`SocketImpl`'s static set-up reads a property through"
                        + " one): a JVM's first lambda links the method-handle machinery in the interpreter, which the"
                        + " floor's JVMs pay too and a bare `Hello` does not; a `SocketChannel` does the same through"
                        + " `SelectorProvider`."));
    }

    /** Starts {@code count} workers of {@code spec} at once; the time until all are IDLE. Stops them after. */
    static double startAllMillis(WorkerSpec spec, int count) {
        long t0 = System.nanoTime();
        List<CompletableFuture<Worker>> starts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            starts.add(Worker.startAsync(spec));
        }
        CompletableFuture.allOf(starts.toArray(new CompletableFuture<?>[0])).join();
        double ms = Bench.millisSince(t0);
        starts.stream()
                .map(f -> CompletableFuture.runAsync(f.join()::stop))
                .toList()
                .forEach(CompletableFuture::join);
        return ms;
    }
}
