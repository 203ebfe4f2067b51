package dev.kiln.bench;

import dev.kiln.Worker;
import dev.kiln.WorkerPool;
import dev.kiln.WorkerSpec;
import jdk.jshell.JShell;

/**
 * A new worker and the first result of {@code 1 + 1} in a warm host, against JShell's default
 * engine: once with a fresh worker, once the workbench's way, from a {@link WorkerPool}'s warm
 * spare.
 */
final class FirstResult implements Scenario {
    @Override
    public String title() {
        return "new worker + first result in a warm host";
    }

    @Override
    public void run(Bench bench, Report report) throws Exception {
        WorkerSpec spec = Bench.quiet();
        Sampler sampler = new Sampler();
        Sampler.Series kiln = sampler.add("ms", () -> {
            long t0 = System.nanoTime();
            Worker w = Worker.start(spec);
            w.evalFetch("1 + 1");
            double ms = Bench.millisSince(t0);
            w.stop(); // stopping is not part of it, nor is the host's next spare session
            Bench.awaitSpareSession();
            return ms;
        });
        Sampler.Series jshell = sampler.add("ms", () -> {
            long t0 = System.nanoTime();
            JShell js = JShell.create();
            js.eval("1 + 1");
            double ms = Bench.millisSince(t0);
            js.close();
            return ms;
        });
        sampler.run(bench.rounds(8));

        // The app's New: the pool's spare worker ready and warmed (its engine and the host's side of it),
        // as it is when a person clicks New a few seconds after the last one. Not interleaved with JShell:
        // the pool's refills would run during its samples.
        Figures spare;
        try (WorkerPool pool = WorkerPool.of(spec, 1)) { // the default refill delay, as in the app
            Sampler spares = new Sampler();
            Sampler.Series take = spares.add("ms", () -> {
                pool.allReady().join();
                long t0 = System.nanoTime();
                Worker w = pool.take();
                w.evalFetch("1 + 1");
                double ms = Bench.millisSince(t0);
                w.stop();
                return ms;
            });
            spares.run(bench.rounds(8));
            spare = take.figures();
        }
        Bench.settle();

        report.add(Row.of(
                        "New worker + first result of `1 + 1` in a warm host, no spare (`Worker.start()` + "
                                + "`evalFetch`) vs JShell default engine",
                        kiln.figures(),
                        jshell.figures(),
                        Goal.ratioAtMost(0.5),
                        "both compile with the host's warm javac; Kiln launches a worker, JShell a JDI remote VM;"
                                + " Kiln's first evaluation takes the JShell session the host built after its previous"
                                + " worker's first one (its compiler state and default imports; built outside the"
                                + " samples), JShell.create() builds its session in the sample")
                .withWhyMissed("Without a spare worker this is a JVM start, the worker's first request (see the "
                        + "first-call row) and a first compile and run of a snippet in its engine; JShell's default "
                        + "engine in a warm host pays a JVM start too (its JDI agent). From JDK 20 the worker's "
                        + "engine rewrites each snippet class it loads (its stop checks) with the JDK's class-file "
                        + "library, whose classes are now in the worker's archive (JDK 25: the first Load 80-89 ms "
                        + "-> 47-51 ms), but its code still runs cold. Only a warm spare (WorkerPool, the app's way, "
                        + "next row) takes the JVM start off."));
        report.add(Row.of(
                        "New worker + first result of `1 + 1`, the app's way (warm spare worker and JShell) vs "
                                + "JShell default engine",
                        spare,
                        jshell.figures(),
                        Goal.ratioAtMost(0.3),
                        "the workbench keeps one warmed spare worker (WorkerPool: its engine has run a stand-in "
                                + "snippet, and the host's JShell for it is ready); replacements start 1 s after a "
                                + "take; baseline as the row above")
                .withWhyMissed("What is left is the first compile in the spare's JShell and the replacement "
                        + "spares starting on the same 2 cores."));
    }
}
