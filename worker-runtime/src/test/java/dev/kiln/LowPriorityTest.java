package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kiln.os.InterruptDoorbell;
import dev.kiln.platform.OsFamily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A worker started with {@code lowPriority(true)} runs below its host's CPU priority in every
 * thread, those it starts later too, and is otherwise the same worker: its pid is the JVM's, it
 * answers, and an interrupt (the SIGINT doorbell too) stops its code.
 */
class LowPriorityTest {
    private static final String PROC = "reads each thread's nice value from /proc/<pid>/task";

    /** The nice value of one task: field 19 of its {@code stat}, counted after the command name in parentheses. */
    private static int nice(Path stat) throws IOException {
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[19 - 3]);
    }

    /** The nice value of each thread of the process with this pid, by thread id. */
    private static Map<String, Integer> threadNices(long pid) throws IOException {
        Map<String, Integer> nices = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    nices.put(task.getFileName().toString(), nice(task.resolve("stat")));
                } catch (java.nio.file.NoSuchFileException ended) {
                    // a thread that ended between the listing and the read
                }
            }
        }
        return nices;
    }

    /**
     * The nice value of the thread that starts the worker (this one: {@link Worker#start} spawns on the caller's
     * thread). Linux keeps one per thread and a child process inherits its spawning thread's, which need not be the
     * host process's first thread's (that one, {@code /proc/self/stat}, reads 19 in a full surefire run).
     */
    private static int hostNice() throws IOException {
        return nice(Path.of("/proc/thread-self/stat"));
    }

    @Test
    void lowPriorityIsPartOfWhatASpecLaunchesAndOffByDefault() {
        WorkerSpec normal = WorkerSpec.builder().name("a").build();
        WorkerSpec low = normal.toBuilder().lowPriority(true).build();
        assertThat(normal.lowPriority()).isFalse();
        assertThat(WorkerSpec.defaults().lowPriority()).isFalse();
        assertThat(low.lowPriority()).isTrue();
        assertThat(low.toBuilder().build()).isEqualTo(low).hasSameHashCodeAs(low);
        assertThat(low).isNotEqualTo(normal);
        assertThat(low.sameLaunchAs(normal)).isFalse();
        assertThat(low.toBuilder().name("b").build().sameLaunchAs(low)).isTrue();
        assertThat(low.toString()).contains("lowPriority");
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = PROC)
    void everyThreadOfALowPriorityWorkerRunsTenNiceLevelsBelowTheHost() throws Exception {
        int expected = Math.min(19, hostNice() + 10);
        try (Worker w = Worker.start(
                WorkerSpec.builder().echoOutput(false).lowPriority(true).build())) {
            assertThat(w.spec().lowPriority()).isTrue();
            assertThat(w.callFetch(() -> ProcessHandle.current().pid()))
                    .as("the pid Kiln reports is the JVM's, not nice's")
                    .isEqualTo(w.pid());
            assertThat(ProcessHandle.of(w.pid()).flatMap(p -> p.info().command()))
                    .hasValueSatisfying(command -> assertThat(command).endsWith("/java"));
            // A thread the worker's code starts now inherits the value too.
            w.evalWait(
                    "Thread late = new Thread(() -> { try { Thread.sleep(600_000); } catch (InterruptedException e) {} },"
                            + " \"started-late\"); late.setDaemon(true); late.start();");

            Map<String, Integer> nices = threadNices(w.pid());
            assertThat(nices).as("a JVM has many threads").hasSizeGreaterThan(5);
            assertThat(nices)
                    .as("nice value of each thread")
                    .allSatisfy(
                            (tid, nice) -> assertThat(nice).as("thread " + tid).isEqualTo(expected));

            assertThat(w.evalFetch("1 + 1")).isEqualTo(2);
            assertThat(w.callFetch(() -> 6 * 7)).isEqualTo(42);

            CompletableFuture<Object> running = InterruptTest.startAndWaitUntilRunning(w, "while (true) {}");
            w.interrupt();
            assertThat(catchThrowable(() -> running.get(30, TimeUnit.SECONDS)))
                    .hasCauseInstanceOf(EvaluationInterruptedException.class);

            CompletableFuture<Object> again = InterruptTest.startAndWaitUntilRunning(w, "while (true) {}");
            InterruptDoorbell.forOs(OsFamily.current()).ring(w.pid(), ""); // SIGINT to the pid Kiln reports
            assertThat(catchThrowable(() -> again.get(30, TimeUnit.SECONDS)))
                    .hasCauseInstanceOf(EvaluationInterruptedException.class);
            assertThat(w.evalFetch("\"still here\"")).isEqualTo("still here");
        }
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = PROC)
    void aDefaultWorkerRunsAtTheHostsPriority() throws Exception {
        int host = hostNice();
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            assertThat(w.spec().lowPriority()).isFalse();
            assertThat(threadNices(w.pid()))
                    .allSatisfy(
                            (tid, nice) -> assertThat(nice).as("thread " + tid).isEqualTo(host));
        }
    }
}
