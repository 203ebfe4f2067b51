package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker loads nothing before its first request that the request does not need.
 * An idle worker that was never asked anything holds no agent, no serializer and no management beans
 * (docs/BENCHMARKS.md); the beans load with the first request that needs them, Kryo only with the
 * first result that is not a scalar, a string or an array of them: never for calls, snippets and
 * stats that answer with those.
 */
class IdleFootprintTest {
    @Test
    void aWorkerLoadsKryoOnlyForAResultThatNeedsIt(@TempDir Path tmp) throws Exception {
        Path idleLog = tmp.resolve("idle-classes.log");
        Worker idle = Worker.start(spec(idleLog));
        assertThat(idle.state()).isEqualTo(WorkerState.IDLE);
        // Ready means hello received; the worker then makes its connection and waits for the host's first message.
        awaitLine(idleLog, "dev.kiln.worker.WorkerMain$Requests ", Duration.ofSeconds(30));
        idle.kill(); // a stop would be a request: it would load the serializer
        idle.onExit().join();
        List<String> loaded = Files.readAllLines(idleLog);
        assertThat(loaded)
                .as("the worker got as far as waiting for requests")
                .anyMatch(l -> l.contains("dev.kiln.worker.WorkerMain$Requests "));
        assertThat(loaded)
                .as("classes an idle worker loaded: its agent and output capture come with the host's first message")
                .noneMatch(l -> l.contains("dev.kiln.worker.WorkerAgent "))
                .noneMatch(l -> l.contains("dev.kiln.worker.OutputCapture "))
                .noneMatch(l -> l.contains("com.esotericsoftware.kryo."))
                .noneMatch(l -> l.contains("java.lang.management.ManagementFactory "));

        Path usedLog = tmp.resolve("used-classes.log");
        try (Worker used = Worker.start(spec(usedLog))) {
            assertThat(used.inputArguments()).anyMatch(a -> a.startsWith("-Xlog:class+load"));
            assertThat((int) used.callFetch(() -> 6 * 7)).isEqualTo(42);
            assertThat(used.evalFetch("1 + 1")).isEqualTo(2);
            assertThat(used.stats().heapUsedBytes()).isPositive();
            // Each reply was encoded, so logged, before it arrived.
            assertThat(Files.readAllLines(usedLog))
                    .as("classes a worker loaded for a call, a snippet and stats, all with scalar results")
                    .anyMatch(l -> l.contains("dev.kiln.worker.WorkerAgent "))
                    .noneMatch(l -> l.contains("com.esotericsoftware.kryo."))
                    .anyMatch(l -> l.contains("java.lang.management.ManagementFactory "));
            assertThat(used.callFetch(() -> new java.util.ArrayList<>(List.of(1, 2))))
                    .isEqualTo(List.of(1, 2));
        }
        assertThat(Files.readAllLines(usedLog))
                .as("a list result is encoded by Kryo")
                .anyMatch(l -> l.contains("com.esotericsoftware.kryo.Kryo "));
    }

    /** Waits until the class-load log names {@code text} (polling the file the JVM writes), or the deadline. */
    private static void awaitLine(Path log, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readAllLines(log).stream().anyMatch(l -> l.contains(text))) {
                return;
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000); // poll the file every 10 ms
        }
    }

    private static WorkerSpec spec(Path log) {
        return WorkerSpec.builder()
                .echoOutput(false)
                .jvmArgs("-Xlog:class+load=info:file=" + log)
                .build();
    }
}
