package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A worker that floods its host or stops reading (standing for a compromised or stuck worker):
 * the host's threads stay bounded, and stop() and interrupt() never wait for the worker.
 */
class UnresponsiveWorkerTest {
    private static final WorkerSpec QUIET =
            WorkerSpec.builder().echoOutput(false).build();

    /** Runs in the worker: asks the host for 2,000 classes at once, as a hostile worker could. */
    static void floodClassRequests() {
        try {
            for (int i = 0; i < 2_000; i++) {
                InWorker.sendClassRequest(-1_000_000 - i, "no/such/Class" + i + ".class");
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFloodOfClassRequestsKeepsTheHostsThreadsBounded() throws Exception {
        try (Worker w = Worker.start(QUIET)) {
            int before = ManagementFactory.getThreadMXBean().getThreadCount();
            int[] peak = {before};
            w.callWait(UnresponsiveWorkerTest::floodClassRequests);
            for (int i = 0; i < 50; i++) {
                peak[0] = Math.max(peak[0], ManagementFactory.getThreadMXBean().getThreadCount());
                assertThat(w.callFetch(() -> 1)).isEqualTo(1); // the worker and its host still answer
            }
            assertThat(peak[0] - before)
                    .as("host threads added during the flood")
                    .isLessThan(20);
        }
    }

    /** Runs in the worker (JDK 17-19): suspends its control thread, which then reads nothing more. */
    @SuppressWarnings({"deprecation", "removal"})
    static void stopReading() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("kiln-control")) {
                t.suspend();
            }
        }
    }

    @Test
    void stopAndInterruptDoNotWaitForAWorkerThatDoesNotRead() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() < 20, "Thread.suspend works up to JDK 19");
        Worker w = Worker.start(QUIET);
        CompletableFuture<Object> running = w.call(() -> {
            Thread.sleep(600_000);
            return null;
        });
        w.callWait(UnresponsiveWorkerTest::stopReading);
        // Fill the connection: requests whose bytes the worker never reads; their senders block.
        byte[] big = new byte[4 << 20];
        List<CompletableFuture<?>> stuck = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            stuck.add(CompletableFuture.runAsync(() -> w.call(() -> big.length)));
        }
        long t0 = System.nanoTime();
        w.interrupt();
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
                .as("interrupt() returned without waiting for the worker")
                .isLessThan(TestTime.generous(Duration.ofSeconds(2)));
        t0 = System.nanoTime();
        assertThat(w.stop()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
                .as("stop(): shutdown request, 2 s, TERM, 2 s, KILL")
                .isLessThan(TestTime.generous(Duration.ofSeconds(15)));
        assertThat(w.isRunning()).isFalse();
        assertThat(running).isCompletedExceptionally();
        CompletableFuture.allOf(stuck.toArray(CompletableFuture[]::new))
                .handle((v, e) -> null)
                .get(30, TimeUnit.SECONDS);
    }
}
