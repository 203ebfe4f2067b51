package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A caller whose thread has been interrupted still talks to its worker: the interrupt is its
 * own business (a blocking call gives up waiting), and never ends the worker's connection.
 */
class InterruptedCallerTest {
    private static Worker w;

    @BeforeAll
    static void start() {
        w = Worker.start(WorkerSpec.builder()
                .name("interrupted-caller")
                .echoOutput(false)
                .build());
    }

    @AfterAll
    static void stop() {
        w.stop();
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void aCallSentFromAnInterruptedThreadIsAnsweredAndTheFlagStays() throws Exception {
        Thread.currentThread().interrupt();
        var answer = w.call(() -> 2);
        assertThat(Thread.currentThread().isInterrupted())
                .as("the caller's interrupt status")
                .isTrue();
        Thread.interrupted(); // to wait for the answer below
        assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(w.isRunning()).isTrue();
    }

    @Test
    void aBlockingCallFromAnInterruptedThreadGivesUpWaitingAndTheWorkerGoesOn() {
        Thread.currentThread().interrupt();
        // A call that is still running when its caller waits (one that has already answered is simply returned).
        assertThatThrownBy(() -> w.callFetch(() -> {
                    Thread.sleep(600_000);
                    return 3;
                }))
                .isInstanceOf(KilnException.class)
                .hasMessageContaining("interrupted while waiting");
        assertThat(Thread.interrupted()).as("the interrupt status is kept").isTrue();
        assertThat(w.callFetch(() -> 4)).isEqualTo(4);
        assertThat(w.evalFetch("5 + 1")).isEqualTo(6);
        assertThat(w.isRunning()).isTrue();
    }
}
