package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** A worker can die in every way; the host must not, and nothing is lost. */
class FaultsTest {
    private static WorkerSpec quiet() {
        return WorkerSpec.builder().echoOutput(false).build();
    }

    /** Each fatal snippet ends its own worker with the documented outcome; a bystander worker is untouched. */
    @TempDir
    static Path crashDir;

    @Test
    @EnabledOnOs(
            value = {OS.LINUX, OS.MAC},
            disabledReason = "expects POSIX exit codes: 134 and SIGSEGV for a native crash")
    void fatalSnippetsEndOnlyTheirWorker() {
        try (Worker bystander = Worker.start(quiet())) {
            bystander.evalWait("int alive = 1;");
            assertTerminated("System.exit(7);", 7, null);
            assertTerminated("Runtime.getRuntime().halt(9);", 9, null);
            assertTerminated(
                    "var f = sun.misc.Unsafe.class.getDeclaredField(\"theUnsafe\"); f.setAccessible(true);"
                            + " ((sun.misc.Unsafe) f.get(null)).putAddress(0, 42);",
                    134,
                    "SIGSEGV");
            assertThat(bystander.evalFetch("alive + 1")).isEqualTo(2);
        }
    }

    private static void assertTerminated(String code, int exitCode, String stderrHas) {
        // In a temporary folder: a native crash writes its hs_err_pid file into the working directory.
        Worker w = Worker.start(WorkerSpec.builder()
                .echoOutput(false)
                .workingDirectory(crashDir)
                .build());
        try {
            w.evalWait("1");
            long t0 = System.nanoTime();
            Throwable t = catchThrowable(() -> w.evalFetch(code));
            assertThat((System.nanoTime() - t0) / 1_000_000).as(code).isLessThan(10_000);
            assertThat(t).as(code).isInstanceOf(WorkerTerminatedException.class);
            WorkerTerminatedException wte = (WorkerTerminatedException) t;
            assertThat(wte.exitCode()).as(code).isEqualTo(exitCode);
            if (stderrHas != null) {
                assertThat(wte.stderrTail()).as(code).contains(stderrHas);
            }
            assertThat(w.state()).isEqualTo(WorkerState.EXITED);
        } finally {
            w.kill();
        }
    }

    @Test
    void stackOverflowAndSurvivableOutOfMemoryAreRemoteExceptions() {
        try (Worker w = Worker.start(
                WorkerSpec.builder().echoOutput(false).jvmArgs("-Xmx64m").build())) {
            Throwable so = catchThrowable(() -> w.evalFetch("int down(int n) { return down(n + 1) + 1; } down(0)"));
            assertThat(so).isInstanceOf(RemoteException.class).hasMessageContaining("StackOverflowError");
            Throwable oom = catchThrowable(
                    () -> w.evalFetch("var hog = new ArrayList<long[]>(); while (true) hog.add(new long[1_000_000]);"));
            assertThat(oom).isInstanceOf(RemoteException.class).hasMessageContaining("OutOfMemoryError");
            assertThat(w.evalFetch("hog = null; 1 + 1")).isEqualTo(2);
        }
    }

    @Test
    void aLargeResultNeedsLittleMoreThanItselfInTheWorkersHeap() {
        // The encoder sizes its buffer from the value: doubling up to it held 40 + 32 + 64 MB at once, which
        // failed with OutOfMemoryError in this 128 MB heap. (A byte[] this large skips the encoder: BulkResult.)
        try (Worker w = Worker.start(
                WorkerSpec.builder().echoOutput(false).jvmArgs("-Xmx128m").build())) {
            for (int i = 0; i < 3; i++) {
                long[] got = w.callFetch(() -> {
                    long[] a = new long[5 << 20]; // 40 MB
                    java.util.Arrays.fill(a, Long.MAX_VALUE);
                    return a;
                });
                assertThat(got).hasSize(5 << 20);
                assertThat(got[got.length - 1]).isEqualTo(Long.MAX_VALUE);
            }
        }
    }

    @Test
    void byteArraysOfEverySizeArriveIntact() {
        // Small arrays travel inside their reply; from 64 KB on as a raw frame after it (Message.BulkResult).
        try (Worker w = Worker.start(quiet())) {
            for (int size : new int[] {0, 1, 65_535, 65_536, 1 << 20, (3 << 20) + 7}) {
                byte[] got = w.callFetch(() -> {
                    byte[] b = new byte[size];
                    new java.util.Random(size).nextBytes(b);
                    return b;
                });
                byte[] expected = new byte[size];
                new java.util.Random(size).nextBytes(expected);
                assertThat(got).as("%d bytes", size).isEqualTo(expected);
                assertThat((int) w.callFetch(() -> size))
                        .as("the connection goes on after it")
                        .isEqualTo(size);
            }
            EvalResult shown = w.evaluate("new byte[100_000]").join();
            assertThat((byte[]) shown.value()).hasSize(100_000);
            assertThat(shown.display()).contains("byte[100000] { 0, 0").contains("(99000 more)");
        }
    }

    /** The exit code of a process killed from outside, as the OS reports it: 128 + SIGKILL on POSIX, 1 on Windows. */
    static int killedExitCode(dev.kiln.platform.OsFamily os) {
        return os.isWindows() ? 1 : 137;
    }

    @Test
    void workerKilledFromOutsideFailsThePendingEvaluationAtOnce() throws Exception {
        Worker w = Worker.start(quiet());
        CompletableFuture<Object> running = InterruptTest.startAndWaitUntilRunning(w, "while (true) {}");
        ProcessHandle.of(w.pid()).orElseThrow().destroyForcibly();
        long t0 = System.nanoTime();
        Throwable t = catchThrowable(() -> running.get(5, TimeUnit.SECONDS));
        assertThat((System.nanoTime() - t0) / 1_000_000)
                .as("failed at once, not after a timeout")
                .isLessThan(TestTime.generousMillis(Duration.ofSeconds(2)));
        assertThat(t).hasCauseInstanceOf(WorkerTerminatedException.class);
        assertThat(w.state()).isEqualTo(WorkerState.EXITED);
        assertThat(w.onExit().get(5, TimeUnit.SECONDS)).isEqualTo(killedExitCode(dev.kiln.platform.OsFamily.current()));
    }

    @Test
    @EnabledOnOs(
            value = {OS.LINUX, OS.MAC},
            disabledReason = "runs a /bin/sh script as the worker's java")
    void aWorkerThatNeverConnectsIsKilledAtTheStartTimeout(@TempDir Path tmp) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("stalling-jdk/bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'stalling on purpose' >&2\nexec sleep 600\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        long t0 = System.nanoTime();
        Throwable t = catchThrowable(() -> Worker.start(WorkerSpec.builder()
                .echoOutput(false)
                .javaHome(tmp.resolve("stalling-jdk"))
                .startTimeout(Duration.ofSeconds(2))
                .build()));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(t)
                .isInstanceOf(WorkerStartException.class)
                .hasMessageContaining("did not connect within PT2S")
                .hasMessageContaining("stalling on purpose");
        assertThat(ms).isBetween(1_900L, 8_000L);
        assertThat(Worker.live()).isEmpty();
    }

    @Test
    void specRejectsNonsenseAtBuildTime(@TempDir Path tmp) {
        assertThatThrownBy(() -> WorkerSpec.builder().javaHome(tmp).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no bin")
                .hasMessageContaining("JDK");
        assertThatThrownBy(() -> WorkerSpec.builder().env("A=B", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'='");
        assertThatThrownBy(() -> WorkerSpec.builder().env("A\0B", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> WorkerSpec.builder().classpath(tmp.resolve("missing.jar")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> WorkerSpec.builder().startTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aThousandConcurrentCallsEachCompleteOnceWithTheirOwnResult() throws Exception {
        try (Worker w = Worker.start(quiet())) {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                int n = i;
                calls.add(w.call(() -> n * n));
            }
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < 1_000; i++) {
                int r = calls.get(i).get(60, TimeUnit.SECONDS);
                assertThat(r).isEqualTo(i * i);
                assertThat(seen.add(r)).isTrue();
            }
            assertThat(w.state()).isEqualTo(WorkerState.IDLE);
        }
    }
}
