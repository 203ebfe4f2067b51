package dev.kiln.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.concurrent.Timers;
import dev.kiln.wire.Message;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An interrupt: the control message first; the OS doorbell only when the worker does not confirm in time. */
class InterruptEscalationTest {
    private final InterruptEscalation escalation = new InterruptEscalation(
            Duration.ofMillis(100),
            Timers.timer(),
            Executors.newCachedThreadPool(dev.kiln.concurrent.KilnThreads.factory("test-interrupt-")));

    @Test
    void aConfirmedMessageRingsNoDoorbell() throws Exception {
        AtomicInteger rings = new AtomicInteger();
        boolean confirmed = escalation
                .interrupt(
                        () -> CompletableFuture.completedFuture(new Message.InterruptAck(1, 1)),
                        rings::incrementAndGet,
                        () -> true)
                .get(10, TimeUnit.SECONDS);
        assertThat(confirmed).isTrue();
        assertThat(rings).hasValue(0);
    }

    @Test
    void anUnconfirmedMessageRingsTheDoorbell() throws Exception {
        AtomicInteger rings = new AtomicInteger();
        boolean confirmed = escalation
                .interrupt(CompletableFuture::new, rings::incrementAndGet, () -> true)
                .get(10, TimeUnit.SECONDS);
        assertThat(confirmed).isFalse();
        assertThat(rings).hasValue(1);
    }

    @Test
    void aSendThatBlocksDoesNotHoldUpTheDoorbellNorTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger rings = new AtomicInteger();
        CompletableFuture<Boolean> outcome = escalation.interrupt(
                () -> {
                    try {
                        release.await(); // a worker that does not read: the write blocks
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new CompletableFuture<>();
                },
                rings::incrementAndGet,
                () -> true);
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(rings).hasValue(1);
        release.countDown();
    }

    @Test
    void aWorkerThatIsGoneIsNotRung() throws Exception {
        AtomicInteger rings = new AtomicInteger();
        escalation
                .interrupt(CompletableFuture::new, rings::incrementAndGet, () -> false)
                .get(10, TimeUnit.SECONDS);
        assertThat(rings).hasValue(0);
    }
}
