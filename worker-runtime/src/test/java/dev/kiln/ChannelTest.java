package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Remote channels (Malt's worker_channel): a queue in the worker, used from the host. */
class ChannelTest {
    private static Worker w;

    @BeforeAll
    static void start() {
        w = Worker.start(WorkerSpec.builder().echoOutput(false).build());
    }

    @AfterAll
    static void stop() {
        w.stop();
    }

    @Test
    void putAndTakeRoundTrip() {
        RemoteChannel<Integer> ch = w.channel("new java.util.concurrent.ArrayBlockingQueue<Integer>(20)");
        Random random = new Random(42);
        for (int i = 0; i < 10; i++) {
            int v = random.nextInt();
            ch.put(v);
            assertThat(ch.isReady()).isTrue();
            assertThat(ch.take()).isEqualTo(v);
        }
        assertThat(ch.isReady()).isFalse();
        assertThat(ch.poll(Duration.ofMillis(50))).isNull();
    }

    @Test
    void producerBlocksPastCapacityAndTheConsumerGetsAllInOrder() throws Exception {
        w.evalWait("var q = new java.util.concurrent.ArrayBlockingQueue<Integer>(20);");
        RemoteChannel<Integer> ch = w.channel("q"); // the channel is the snippet's own queue
        AtomicInteger produced = new AtomicInteger();
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 40; i++) {
                ch.put(i);
                produced.incrementAndGet();
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while ((int) w.evalFetch("q.size()") < 20 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(w.evalFetch("q.remainingCapacity()")).isEqualTo(0);
        assertThat(produced.get()).as("the producer blocks past capacity").isEqualTo(20);
        assertThat(producer).isNotDone();

        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            got.add(ch.take());
        }
        producer.get(10, TimeUnit.SECONDS);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            expected.add(i);
        }
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void aSourceThatIsNotAQueueIsAClearError() {
        assertThatThrownBy(() -> w.channel("123"))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("BlockingQueue")
                .hasMessageContaining("java.lang.Integer");
        assertThat(w.evalFetch("1 + 1")).isEqualTo(2);
    }
}
