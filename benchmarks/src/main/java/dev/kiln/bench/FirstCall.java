package dev.kiln.bench;

import dev.kiln.WorkerSpec;

/**
 * Launch and a first call: {@code Worker.start()} and {@code callFetch(() -> 1)}, against a bare
 * JVM that prints and exits, and without Kiln's class data sharing archive. The first request
 * is where the archive pays off: an idle worker has not loaded its serializer yet.
 */
final class FirstCall implements Scenario {
    @Override
    public String title() {
        return "launch and a first call";
    }

    @Override
    public void run(Bench bench, Report report) throws Exception {
        WorkerSpec spec = Bench.quiet();
        WorkerSpec noCds = Bench.withoutCds(spec);
        Sampler sampler = new Sampler();
        Sampler.Series bare = sampler.add("ms", bench.bare()::helloMillis);
        Sampler.Series call = sampler.add("ms", () -> Bench.startAndCallMillis(spec));
        Sampler.Series callNoCds = sampler.add("ms", () -> Bench.startAndCallMillis(noCds));
        sampler.run(bench.rounds(12));

        report.add(Row.of(
                "Launch and a first call: `Worker.start()` + `callFetch(() -> 1)` vs bare `java -cp . Hello`",
                call.figures(),
                bare.figures(),
                Goal.measuredOnly(),
                "the worker loads its serializer (Kryo) with its first request, not before: an idle worker does not "
                        + "hold it"));
        report.add(Row.of(
                "Launch and a first call without class data sharing vs with",
                callNoCds.figures(),
                call.figures(),
                Goal.measuredOnly(),
                "the archive pays off with the first request (Kryo, the call path)"));
    }
}
