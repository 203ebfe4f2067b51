package dev.kiln.bench;

import dev.kiln.WorkerSpec;
import jdk.jshell.JShell;

/**
 * Launch to ready: {@code Worker.start()} until IDLE, against a bare JVM that prints and exits
 * and against {@code JShell.create()} (its default engine launches a JVM and connects over
 * JDI); and without Kiln's class data sharing archive.
 */
final class LaunchToReady implements Scenario {
    @Override
    public String title() {
        return "launch to ready";
    }

    @Override
    public void run(Bench bench, Report report) throws Exception {
        WorkerSpec spec = Bench.quiet();
        WorkerSpec noCds = Bench.withoutCds(spec);
        Sampler sampler = new Sampler();
        Sampler.Series bare = sampler.add("ms", bench.bare()::helloMillis);
        ConnectBack connectBack = bench.bare().connectBack();
        Sampler.Series floor = sampler.add("ms", connectBack::readyMillis);
        Sampler.Series start = sampler.add("ms", () -> Bench.startMillis(spec));
        Sampler.Series startNoCds = sampler.add("ms", () -> Bench.startMillis(noCds));
        Sampler.Series jshell = sampler.add("ms", LaunchToReady::jshellCreateMillis);
        sampler.run(bench.rounds(12));

        report.add(Row.of(
                "The floor for a worker: a bare JVM that connects back and says hello (its code in a jar with its"
                        + " own class data sharing archive), spawn until its hello arrives, vs bare `java -cp . Hello`",
                floor.figures(),
                bare.figures(),
                Goal.measuredOnly(),
                "what any design that drives a JVM over a socket does at least: start from a jar, open a loopback"
                        + " connection, write a line; when this ratio is above the goal of the row below, that goal"
                        + " is below what a worker over a socket can reach. Kiln's local workers on Linux connect"
                        + " through a pair of named pipes instead (a JVM's first socket costs it some 8 ms of CPU),"
                        + " so they can start below this floor"));
        report.add(Row.of(
                "Launch to ready: `Worker.start()` vs that floor",
                start.figures(),
                floor.figures(),
                Goal.measuredOnly(),
                "what Kiln's worker does beyond the floor: its invitation, SIGINT doorbell, token and hello, and the"
                        + " host's side of the handshake; less than the floor's socket: it opens two named pipes"
                        + " (Linux)"));
        report.add(Row.of(
                        "Launch to ready: `Worker.start()` vs bare `java -cp . Hello` (spawn to exit)",
                        start.figures(),
                        bare.figures(),
                        Goal.ratioAtMost(1.2),
                        "Worker.start() spawns, handshakes (token, then a hand-written hello) and is IDLE; the bare "
                                + "JVM prints and exits")
                .withWhyMissed("A worker does more than print: it reads its invitation, installs its SIGINT "
                        + "doorbell, opens its named pipes (Linux; a socket elsewhere), sends its token and a hand-written hello, then sets up its "
                        + "output capture and control thread; class data sharing takes most class loading off (see the "
                        + "CDS row). "
                        + Goal.floorSentence(
                                floor.figures(),
                                bare.figures(),
                                1.2,
                                "the first row: a bare "
                                        + "JVM from a jar with its own archive that connects back and says hello")
                        + " What Kiln adds "
                        + "to that floor (second row): the invitation on stdin, the "
                        + "doorbell (sun.misc.Signal, called directly: through reflection it made method-handle classes "
                        + "no archive holds, some 10 ms on JDK 25; in place before the hello so that an early "
                        + "interrupt cannot end the JVM), a larger archive (every class of the call and "
                        + "snippet paths), and the host's side: its launch code, which runs interpreted (Kiln's "
                        + "flags are worked out once and then reused while the JDK's release file and the archive "
                        + "are unchanged), a loopback listener per worker, the token check and the hello. Since the "
                        + "archives are mapped where they were dumped (no relocation), 20 sequential starts became "
                        + "ready in 66-70 instead of 77-80 ms."));
        report.add(Row.of(
                "Launch to ready: `Worker.start()` vs `JShell.create()` (default engine, JDI)",
                start.figures(),
                jshell.figures(),
                Goal.measuredOnly(),
                "JShell.create() launches its remote VM and connects over JDI; no goal: the earlier one (0.25×)"
                        + " was below the floor row, so the goal is now against a bare JVM (row above)"));
        report.add(
                Row.of(
                        "The floor: bare `java -cp . Hello` vs `JShell.create()`",
                        bare.figures(),
                        jshell.figures(),
                        Goal.measuredOnly(),
                        "no worker can be ready before its JVM has started: this is the lowest ratio any JVM launch can reach"));
        report.add(Row.of(
                "Launch to ready without class data sharing (`classDataSharing(false)`) vs with",
                startNoCds.figures(),
                start.figures(),
                Goal.measuredOnly(),
                "before its hello a worker loads little, so the archive matters little here; see the first-call "
                        + "rows below"));
    }

    private static double jshellCreateMillis() {
        long t0 = System.nanoTime();
        JShell js = JShell.create();
        double ms = Bench.millisSince(t0);
        js.close();
        return ms;
    }
}
