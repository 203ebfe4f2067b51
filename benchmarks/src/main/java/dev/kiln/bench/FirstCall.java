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
                "beyond the floor: Kiln's wire, its call path and user-code class loader, the platform logger's"
                        + " scan of six runtime jars instead of one (the floor's), and the lambda's class asked from"
                        + " the host"));
        report.add(Row.of(
                        "Launch and a first call: `Worker.start()` + `callFetch(() -> 1)` vs bare `java -cp . Hello`",
                        call.figures(),
                        bare.figures(),
                        Goal.ratioAtMost(1.5),
                        "the messages are encoded by hand: a call whose result is a scalar loads no Kryo on"
                                + " either side")
                .withWhyMissed("After its hello the worker sets up its agent; the call then costs Java"
                        + " serialization's first use. The JDK's serial filter set-up starts the platform logger,"
                        + " which scans every jar of the worker's class path for a logging provider (and the JDK's"
                        + " image), then reads the security properties and spins three lambdas; it now runs on a"
                        + " thread of its own, started as the call arrives, while the call's thread describes"
                        + " SerializedLambda (a generated constructor accessor), so the two halves overlap when a"
                        + " second core is free. JNA's platform library (1,381 entries), used on Windows alone, is"
                        + " no longer on a Linux or macOS worker's class path, and the API's RemoteCallable and"
                        + " RemoteRunnable come from the archive. Left on the path: the scan of the six runtime jars"
                        + " (a jar's opening costs more than its entries), the lambda's class fetched from the host"
                        + " (a round trip), and linking and initialising archived classes on a JVM that is still"
                        + " interpreting. Doing the set-up before the first call (right after the hello) would hide"
                        + " more of it, but keeps about 1.8 MB more resident in every idle worker (1.2 MB of it the scan)."
                        + " Its floor (the first row: a bare JVM that connects back, reads a serialized lambda and"
                        + " answers) is 1.4-1.8× the bare Hello here, at or above the goal on JDK 17 and 25 alike (Kiln"
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
