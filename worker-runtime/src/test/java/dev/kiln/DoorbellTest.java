package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 4, points 1 and 2: the OS doorbell (SIGINT on Linux) stops code and never kills the worker. */
class DoorbellTest {
    private static void sigint(long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid))
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    @Test
    void sigintFromOutsideStopsTheEvaluationAndTheWorkerLives() throws Exception {
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            w.evalWait("1");
            // SIGINT while idle: nothing runs, nothing happens.
            sigint(w.pid());
            assertThat(w.callFetch(() -> 5)).isEqualTo(5);
            assertThat(w.isRunning()).isTrue();

            CompletableFuture<Object> running = InterruptTest.startAndWaitUntilRunning(w, "while (true) {}");
            sigint(w.pid());
            Throwable t = catchThrowable(() -> running.get(5, TimeUnit.SECONDS));
            assertThat(t).hasCauseInstanceOf(EvaluationInterruptedException.class);
            assertThat(w.isRunning()).isTrue();
            assertThat(w.evalFetch("1 + 1")).isEqualTo(2);
        }
    }

    @Test
    void interruptUsesTheDoorbellWhenTheControlPathIsHeldBack() throws Exception {
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            w.evalWait("1");
            w.holdBackControlPath(true);
            CompletableFuture<Object> running = InterruptTest.startAndWaitUntilRunning(w, "while (true) {}");
            w.interrupt();
            Throwable t = catchThrowable(() -> running.get(5, TimeUnit.SECONDS));
            assertThat(t).hasCauseInstanceOf(EvaluationInterruptedException.class);
            assertThat(w.evalFetch("1 + 1")).isEqualTo(2);
        }
    }
}
