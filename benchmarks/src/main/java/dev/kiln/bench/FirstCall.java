package dev.kiln.bench;

import dev.kiln.WorkerSpec;
import dev.kiln.platform.OsFamily;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        Sampler.Series fresh = sampler.add("ms", () -> freshProgramMillis(List.of()));
        List<String> ownArchive = List.of(
                "-XX:SharedArchiveFile=" + trainFreshProgramArchive(bench.bare().folder()), "-Xlog:cds*=off");
        Sampler.Series freshArchived = sampler.add("ms", () -> freshProgramMillis(ownArchive));
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
                        + " filter: the least any design that runs the caller's lambdas in another JVM over a socket"
                        + " does; when this ratio is above the goal of the row below, that goal is below what a worker"
                        + " over a socket can reach"));
        report.add(Row.of(
                "Launch and a first call: `Worker.start()` + `callFetch(() -> 1)` vs that floor",
                call.figures(),
                floor.figures(),
                Goal.measuredOnly(),
                "beyond the floor: Kiln's worker set-up after its hello (output capture, the agent, its class"
                        + " loaders), its wire and call path, the heap reserve set aside before user code, and the"
                        + " lambda's class (sent ahead of the call) defined, which the floor has in its archive; less:"
                        + " the floor's socket, where a local worker on Linux opens two named pipes"));
        report.add(Row.of(
                        "Launch and a first call: `Worker.start()` + `callFetch(() -> 1)` vs bare `java -cp . Hello`",
                        call.figures(),
                        bare.figures(),
                        Goal.ratioAtMost(1.5),
                        "the messages are encoded by hand: a call whose result is a scalar loads no Kryo on"
                                + " either side")
                .withWhyMissed("A lambda that captures nothing travels as a reference, and its body (javac's"
                        + " `lambda$` method) is called through a method handle: no Java serialization set-up and no"
                        + " class made for the lambda. The class that made it travels ahead of the call. From its hello"
                        + " to the first reply the worker links no lambda of Kiln's (a JVM still interpreting links"
                        + " each in 0.2-1.5 ms; nested classes load from the archive in 0.02 ms), leaves its output"
                        + " flusher to a call's first print, and no longer searches its runtime's jars and the"
                        + " JDK's modules for a user class whose package merely starts with `dev.kiln.` (this"
                        + " benchmark's: 13 ms). Ready -> reply: 15.9-21.1 -> 11.5-12.9 ms with these (alternated runs,"
                        + " medians). Left on the path, traced with time marks in the worker: its set-up after the hello"
                        + " (3.5-4 ms: the connection, output capture, the agent's loaders and pools; some 200 classes"
                        + " from the archive at 20-30 us each; it was 4.5-5.5 ms before the thread that makes the"
                        + " socket became the host watch, a thread start less, and before the connection's closed flag"
                        + " stopped setting up the JVM's first int VarHandle), starting the call's thread (0.7 ms), the heap reserve"
                        + " that user code waits for (an array over half a G1 region, which takes the region: 2 MB,"
                        + " some 1 ms of page faults, which the call's thread waits for in part; an array that filled"
                        + " the region took 2.2 ms and a wait of 1.4), the lambda's class (1 ms), its method handle,"
                        + " and the reply (1 ms: its encoder's classes, loaded and run for the first time). Without"
                        + " the flusher's start and with the smaller reserve, ready -> reply went from 9.7 to 8.9 ms"
                        + " (alternated runs, medians). With C1 compiling later (-XX:Tier3InvocationThreshold=2000) or C2 off, the first"
                        + " call was 4-5 ms shorter: not taken, as user code would then warm up unlike under `java`."
                        + " Running the set-up on a second thread before the hello made both ready (+10 ms) and the"
                        + " first call (+5 ms) slower on 2 cores; so did making the agent, its loaders and pools on the"
                        + " main thread while the socket's thread sets up the JDK's sockets and lambdas (the call"
                        + " was in the socket before the worker read it, yet the set-up took twice as long beside"
                        + " that thread and the JIT: the first reply 2.5 ms later). One static archive for a worker's"
                        + " classes and the JDK's, in place of the JDK's with a dynamic one on top, took some 4 ms off"
                        + " (alternated runs). "
                        + Goal.floorSentence(floor.figures(), bare.figures(), 1.5, "the first row")
                        + " Kiln against that floor: the second row."));
        report.add(Row.of(
                "A fresh program's first call: exec of a Java program that starts a worker, calls `() -> 1` and"
                        + " prints the answer, until that line is read, vs bare `java -cp . Hello`",
                fresh.figures(),
                bare.figures(),
                Goal.measuredOnly(),
                "what a program that needs an isolated JVM once pays: its own JVM's start and Kiln's classes in"
                        + " it, then the rows above; the worker's archive already made and checked (a host that finds"
                        + " it unchanged since it was checked does not read it again; no security provider or"
                        + " logging is started on the way)"));
        report.add(Row.of(
                "A fresh program's first call, the program run with a class data sharing archive of its own"
                        + " (made by one run with `-XX:ArchiveClassesAtExit`; on JDK 19+ `-XX:+AutoCreateSharedArchive`"
                        + " makes and keeps it) vs without",
                freshArchived.figures(),
                fresh.figures(),
                Goal.measuredOnly(),
                "most of a fresh program's first answer is its own JVM loading Kiln's host classes (and the JDK's"
                        + " it needs) from their jars and linking its lambdas: with its own archive they come mapped;"
                        + " Kiln sets no flag of its host, so this is the program's to choose (README)"));
        report.add(Row.of(
                "Launch and a first call without class data sharing vs with",
                callNoCds.figures(),
                call.figures(),
                Goal.measuredOnly(),
                "the archive pays off with the first request (the call path)"));
    }

    /**
     * A class data sharing archive for {@link FreshProgram}, made in {@code folder} by one run of it
     * with {@code -XX:ArchiveClassesAtExit} (written as that JVM exits).
     */
    static Path trainFreshProgramArchive(Path folder) throws Exception {
        Path archive = folder.resolve("fresh-program.jsa");
        Files.deleteIfExists(archive);
        freshProgramMillis(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds*=off"));
        Bench.check(Files.isRegularFile(archive), "the fresh program's own archive was written (" + archive + ")");
        return archive;
    }

    /**
     * {@link FreshProgram} in a JVM of its own on this JDK and class path, with {@code jvmArgs}:
     * spawn until its answer is read, in ms; it must then exit by itself.
     */
    static double freshProgramMillis(List<String> jvmArgs) throws Exception {
        String java = OsFamily.current()
                .javaExecutable(Path.of(System.getProperty("java.home")))
                .toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FreshProgram.class.getName()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            double ms = Bench.millisSince(t0);
            Bench.check((FreshProgram.ANSWER + 1).equals(line), "the fresh program's answer (it printed " + line + ")");
            Bench.check(
                    p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "the fresh program exits after its answer");
            return ms;
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
    }
}
