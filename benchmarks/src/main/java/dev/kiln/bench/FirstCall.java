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
        ConnectBack connectBack = bench.bare().connectBack();
        Sampler.Series floor = sampler.add("ms", connectBack::callMillis);
        Sampler.Series call = sampler.add("ms", () -> Bench.startAndCallMillis(spec));
        Sampler.Series callNoCds = sampler.add("ms", () -> Bench.startAndCallMillis(noCds));
        sampler.run(bench.rounds(12));

        report.add(Row.of(
                "The floor for a first call: a bare JVM that connects back, reads a serialized lambda (`() -> 1`),"
                        + " runs it and answers (its code, the lambda's class included, in a jar with its own class"
                        + " data sharing archive), spawn until the answer arrives, vs bare `java -cp . Hello`",
                floor.figures(),
                bare.figures(),
                Goal.measuredOnly(),
                "a serializable lambda travels by Java serialization (SerializedLambda): every design that runs"
                        + " the caller's lambdas in another JVM deserializes one; when this ratio is above the goal of"
                        + " the row below, that goal is below what a worker can reach"));
        report.add(Row.of(
                "Launch and a first call: `Worker.start()` + `callFetch(() -> 1)` vs that floor",
                call.figures(),
                floor.figures(),
                Goal.measuredOnly(),
                "beyond the floor: Kiln's wire, its call path and user-code class loader, and the lambda's class"
                        + " asked from the host"));
        report.add(Row.of(
                        "Launch and a first call: `Worker.start()` + `callFetch(() -> 1)` vs bare `java -cp . Hello`",
                        call.figures(),
                        bare.figures(),
                        Goal.ratioAtMost(1.5),
                        "the messages are encoded by hand: a call whose result is a scalar loads no Kryo on"
                                + " either side")
                .withWhyMissed("After its hello the worker sets up its agent; the call then costs Java"
                        + " serialization's first use (the JDK's serial filter set-up starts the platform logger,"
                        + " which scans every jar of the class path for a logging provider: about 19 ms of a"
                        + " 100 ms call, measured from the class-load log), reading the lambda (ObjectStreamClass,"
                        + " a generated constructor accessor: about 6 ms), the user-code class loader and the"
                        + " round trip that fetches the lambda's class from the host: archived classes, but each"
                        + " still linked and initialised, on a JVM that is still interpreting. Its floor (the"
                        + " first row: a bare JVM that connects back, reads a serialized lambda and answers) is"
                        + " 1.4-1.8× the bare Hello here, at or above the goal on JDK 17 and 25 alike (Kiln"
                        + " against that floor: the second row)."
                        + " Writing the wire's messages by hand took Kryo off this path (2.73× -> 2.29×)."));
        report.add(Row.of(
                "Launch and a first call without class data sharing vs with",
                callNoCds.figures(),
                call.figures(),
                Goal.measuredOnly(),
                "the archive pays off with the first request (Java serialization, the call path)"));
    }
}
