package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How a blocking fetch waits for its reply ({@code Replies.await}): a lone waiter spins briefly
 * before it parks, several park at once; either way each gets its own value or failure, whenever
 * the reply comes.
 */
class AwaitTest {
    @Test
    void aLoneWaiterGetsAValueThatCameWhileItSpunAndOneThatCameAfter() throws Exception {
        CompletableFuture<Integer> soon = new CompletableFuture<>();
        CompletableFuture.runAsync(() -> soon.complete(42));
        assertThat(Replies.await(soon)).isEqualTo(42);

        CompletableFuture<Integer> late = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(3 * Replies.SPIN_NANOS, TimeUnit.NANOSECONDS)
                .execute(() -> late.complete(7));
        assertThat(Replies.await(late)).isEqualTo(7);
    }

    @Test
    void aFailureIsThrownAsTheExceptionItStandsFor() {
        CompletableFuture<Integer> failing = new CompletableFuture<>();
        CompletableFuture.runAsync(
                () -> failing.completeExceptionally(new RemoteException("x.Boom", "boom", List.of(), null)));
        assertThat(catchThrowable(() -> Replies.await(failing)))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("boom");
    }

    @Test
    void manyWaitersAtOnceEachGetTheirOwnReply() throws Exception {
        int waiters = 8;
        List<CompletableFuture<Integer>> replies = new ArrayList<>();
        for (int i = 0; i < waiters; i++) {
            replies.add(new CompletableFuture<>());
        }
        ExecutorService pool = Executors.newFixedThreadPool(waiters);
        try {
            CountDownLatch started = new CountDownLatch(waiters);
            List<Future<Integer>> got = new ArrayList<>();
            for (CompletableFuture<Integer> r : replies) {
                got.add(pool.submit(() -> {
                    started.countDown();
                    return Replies.await(r);
                }));
            }
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = waiters - 1; i >= 0; i--) {
                replies.get(i).complete(i);
            }
            for (int i = 0; i < waiters; i++) {
                assertThat(got.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
