package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker's life: start, call, stop, failures and exit. */
class WorkerLifecycleTest {
    private static WorkerSpec quiet() {
        return WorkerSpec.builder().echoOutput(false).build();
    }

    @Test
    void startGivesAnIdleWorkerThatCallsAndStops() {
        Worker w = Worker.start();
        try {
            assertThat(w.state()).isEqualTo(WorkerState.IDLE);
            assertThat(w.pid()).isPositive();
            assertThat(w.launchTime()).isNotNull().isPositive();
            assertThat(ProcessHandle.of(w.pid())).isPresent();
            int two = w.callFetch(() -> 1 + 1);
            assertThat(two).isEqualTo(2);
        } finally {
            assertThat(w.stop()).isTrue();
        }
        assertThat(w.isRunning()).isFalse();
        assertThat(w.state()).isEqualTo(WorkerState.EXITED);
        assertThat(w.stop()).isFalse();
        assertThat(ProcessHandle.of(w.pid()).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
    }

    @Test
    void stopFailsAPendingCallQuickly() throws Exception {
        Worker w = Worker.start(quiet());
        CompletableFuture<Integer> sleeping = w.call(() -> {
            Thread.sleep(10_000);
            return 1;
        });
        long t0 = System.nanoTime();
        w.stop();
        Throwable t = catchThrowable(() -> sleeping.get(8, TimeUnit.SECONDS));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(t).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(WorkerTerminatedException.class);
        assertThat(ms).isLessThan(8_000);
    }

    @Test
    void callsRunConcurrentlyAndCallDoTakesEffect() throws Exception {
        try (Worker w = Worker.start(quiet())) {
            CompletableFuture<Integer> slow = w.call(() -> {
                Thread.sleep(500);
                return 900;
            });
            int quick = w.callFetch(() -> 7);
            assertThat(quick).isEqualTo(7);
            assertThat(slow).isNotDone();
            assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(900);

            w.callDo(() -> System.setProperty("kiln.test.callDo", "done"));
            String seen = w.callFetch(() -> {
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (System.getProperty("kiln.test.callDo") == null && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                return System.getProperty("kiln.test.callDo");
            });
            assertThat(seen).isEqualTo("done");
        }
    }

    @Test
    void exceptionsArriveAsText(@TempDir Path tmp) throws Exception {
        Path jar = TestJars.jar(
                tmp,
                "only",
                Map.of(
                        "only.WorkerOnlyException",
                        "package only; public class WorkerOnlyException extends RuntimeException {"
                                + " public WorkerOnlyException(String m) { super(m); } }"));
        try (Worker w = Worker.start(
                WorkerSpec.builder().echoOutput(false).classpath(jar).build())) {
            RemoteException e = (RemoteException) catchThrowable(() -> w.callFetch(() -> {
                throw new IllegalStateException("secretttzz");
            }));
            assertThat(e.getMessage())
                    .contains("java.lang.IllegalStateException")
                    .contains("secretttzz")
                    .containsPattern("\\tat .*WorkerLifecycleTest");
            assertThat(e.exceptionClassName()).isEqualTo("java.lang.IllegalStateException");

            RemoteException only = (RemoteException) catchThrowable(() -> w.callFetch(() -> {
                throw (RuntimeException) Class.forName("only.WorkerOnlyException")
                        .getConstructor(String.class)
                        .newInstance("from the worker");
            }));
            assertThat(only.exceptionClassName()).isEqualTo("only.WorkerOnlyException");
            assertThat(only.getMessage()).contains("from the worker");
            assertThatThrownBy(() -> Class.forName("only.WorkerOnlyException"))
                    .isInstanceOf(ClassNotFoundException.class);

            assertThat((int) w.callFetch(() -> 40 + 2)).isEqualTo(42);
        }
    }

    @Test
    void badJvmFlagFailsFastWithTheJvmMessage() {
        long t0 = System.nanoTime();
        Throwable t = catchThrowable(() -> Worker.start(WorkerSpec.builder()
                .echoOutput(false)
                .jvmArgs("-XX:+NoSuchFlag")
                .startTimeout(Duration.ofSeconds(30))
                .build()));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(t).isInstanceOf(WorkerStartException.class);
        assertThat(t.getMessage()).contains("NoSuchFlag");
        assertThat(((WorkerStartException) t).stderr()).contains("NoSuchFlag");
        assertThat(ms).isLessThan(10_000);
        assertThat(Worker.live()).isEmpty();
    }

    @Test
    void exitInACallEndsTheWorkerAndFailsEverything() throws Exception {
        Worker w = Worker.start(quiet());
        List<WorkerState> states = new CopyOnWriteArrayList<>();
        w.onStateChange(states::add);
        CompletableFuture<Integer> pending = w.call(() -> {
            Thread.sleep(30_000);
            return 0;
        });
        w.callDo(() -> System.exit(3));
        int code = w.onExit().get(10, TimeUnit.SECONDS);
        assertThat(code).isEqualTo(3);
        assertThat(pending).as("failed by the time the exit is known").isCompletedExceptionally();
        Throwable t = catchThrowable(pending::get);
        assertThat(t).hasCauseInstanceOf(WorkerTerminatedException.class);
        assertThat(((WorkerTerminatedException) t.getCause()).exitCode()).isEqualTo(3);
        assertThat(w.state()).isEqualTo(WorkerState.EXITED);
        assertThat(w.isRunning()).isFalse();
        assertThat(states).contains(WorkerState.EXITED);

        assertThat(w.call(() -> 1))
                .as("a request to a gone worker fails at once")
                .isCompletedExceptionally();
        assertThatThrownBy(() -> w.callFetch(() -> 1))
                .isInstanceOf(WorkerTerminatedException.class)
                .hasMessageContaining("code 3");
    }

    @Test
    void nestedThreeLevelsDeep() {
        try (Worker w = Worker.start(quiet())) {
            int r = w.callFetch(() -> {
                try (Worker w2 =
                        Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
                    return w2.callFetch(() -> {
                        try (Worker w3 = Worker.start(
                                WorkerSpec.builder().echoOutput(false).build())) {
                            return w3.callFetch(() -> 1 + 1);
                        }
                    });
                }
            });
            assertThat(r).isEqualTo(2);
        }
    }

    @Test
    void notSerializableCaptureIsAClearError() {
        try (Worker w = Worker.start(quiet())) {
            Object notSerializable = new Object();
            assertThatThrownBy(() -> w.callFetch(() -> notSerializable.hashCode()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not Serializable");
        }
    }

    @Test
    void aWorkerOnANewerJdkPrintsNothingOfItsOwn() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.file.Files.isExecutable(InterruptTest.JDK25.resolve("bin/java")), "no JDK 25 here");
        try (Worker w = Worker.start(WorkerSpec.builder()
                .echoOutput(false)
                .javaHome(InterruptTest.JDK25)
                .build())) {
            assertThat((int) w.callFetch(() -> 1 + 1)).isEqualTo(2);
            assertThat((Integer) w.evalFetch("1 + 1")).isEqualTo(2);
            assertThat(w.stderrTail())
                    .as("JDK 24+ warns about Kryo's sun.misc.Unsafe use unless Kiln avoids it")
                    .isEmpty();
        }
    }

    @Test
    void repeatedAndCapturingLambdasEachGetTheirOwnResult() {
        // Lambdas that capture nothing are serialized and deserialized once, then reused: that must
        // never hand a capturing lambda's call someone else's values.
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            for (int i = 0; i < 50; i++) {
                int captured = i;
                assertThat((int) w.callFetch(() -> 6 * 7)).isEqualTo(42);
                assertThat((int) w.callFetch(() -> captured * 2)).isEqualTo(i * 2);
                assertThat(w.callFetch(() -> "call " + captured)).isEqualTo("call " + i);
            }
        }
    }
}
