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
                "The floor for a first call: a bare JVM that connects back, reads a lambda (`() -> 1`) as Kiln"
                        + " sends one that captures nothing, makes it, runs it and answers (its code, the lambda's"
                        + " class included, in a jar with its own class data sharing archive), spawn until the answer"
                        + " arrives, vs bare `java -cp . Hello`",
                floor.figures(),
                bare.figures(),
                Goal.measuredOnly(),
                "the lambda travels as a reference (its SerializedLambda's fields) and is made by its class's"
                        + " `$deserializeLambda$`, as Java serialization makes it but without the stream and the serial"
                        + " filter: the least any design that runs the caller's lambdas in another JVM does; when this"
                        + " ratio is above the goal of the row below, that goal is below what a worker can reach"));
        report.add(Row.of(
                "Launch and a first call: `Worker.start()` + `callFetch(() -> 1)` vs that floor",
                call.figures(),
                floor.figures(),
                Goal.measuredOnly(),
                "beyond the floor: Kiln's worker set-up after its hello (output capture, the agent, its class"
                        + " loaders), its wire and call path, the heap reserve set aside before user code, and the"
                        + " lambda's class asked from the host and defined"));
        report.add(Row.of(
                        "Launch and a first call: `Worker.start()` + `callFetch(() -> 1)` vs bare `java -cp . Hello`",
                        call.figures(),
                        bare.figures(),
                        Goal.ratioAtMost(1.5),
                        "the messages are encoded by hand: a call whose result is a scalar loads no Kryo on"
                                + " either side")
                .withWhyMissed("A lambda that captures nothing now travels as a reference and is made by its class's"
                        + " `$deserializeLambda$`, so the first call no longer sets up Java serialization (the serial"
                        + " filter starts the platform logger, whose back end is found by a scan of the class path:"
                        + " 18-24 ms of CPU); the control thread sets the heap reserve aside while the call's thread"
                        + " starts; the worker's user-code loader lists the packages of the application loader's JDK"
                        + " modules only; and every message type is in the archive (a class asked from the host no"
                        + " longer opens Kiln's jar). Together 107 -> 98 ms in an A/B of this row on a quiet machine"
                        + " (2.31× -> 2.13×). Left on the path, measured with class-load times in the worker: about"
                        + " 15 ms of set-up after the hello before the call is read (output capture, the agent, its"
                        + " loaders and pools, some ten lambdas linked while the JVM still interprets), the lambda's"
                        + " class asked from the host (a round trip and its definition, 4 ms), and the worker's C1"
                        + " compiler, which takes a third of the 2 cores in these 100 ms. Its floor (the first row)"
                        + " is 1.2-1.5× the bare Hello here; Kiln against that floor: the second row."
                        + " Writing the wire's messages by hand took Kryo off this path (2.73× -> 2.29×)."));
        report.add(Row.of(
                "Launch and a first call without class data sharing vs with",
                callNoCds.figures(),
                call.figures(),
                Goal.measuredOnly(),
                "the archive pays off with the first request (the call path)"));
    }
}
