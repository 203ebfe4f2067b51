package dev.kiln.bench;

import dev.kiln.Worker;
import dev.kiln.WorkerSpec;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code callFetch} of a trivial lambda on a warm worker. Run by {@link CallFigures} twice: one
 * thread in SampleTime mode (p50, p99), and eight threads in Throughput mode.
 */
@State(Scope.Benchmark)
public class CallBench {
    private Worker worker;

    @Setup
    public void start() {
        worker = Worker.start(WorkerSpec.builder()
                .name("bench-call")
                .echoOutput(false)
                .classpath(ownJar())
                .build());
        worker.callFetch(() -> 1); // the lambda's class is loaded before timing starts
    }

    @TearDown
    public void stop() {
        worker.stop();
    }

    @Benchmark
    public int callRoundTrip() {
        return worker.callFetch(() -> 1);
    }

    /** Where the benchmark classes are, so the worker loads the lambdas' class from its own class path. */
    static Path ownJar() {
        try {
            return Path.of(CallBench.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
