package dev.kiln.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many threads sending on one connection at once: a sender that finds another waiting for the
 * write lock leaves the flush to it, so every message must still arrive, the last ones too,
 * with no later send to push them out.
 */
class ConcurrentSendTest {
    private static final int SENDERS = 8;
    private static final int EACH = 2_000;

    @Test
    void everyMessageSentConcurrentlyArrivesWithoutALaterSendToFlushIt() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket near = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket far = server.accept()) {
            Connection sending = new Connection(near, "sending", FrameCodec.DEFAULT_MAX_FRAME);
            Connection receiving = new Connection(far, "receiving", FrameCodec.DEFAULT_MAX_FRAME);
            Set<Long> ids = ConcurrentHashMap.newKeySet();
            CountDownLatch all = new CountDownLatch(SENDERS * EACH);
            receiving.start(
                    m -> {
                        if (ids.add(((Message.StatsRequest) m).id())) {
                            all.countDown();
                        }
                    },
                    e -> {});
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                long base = (long) s * EACH;
                senders.add(CompletableFuture.runAsync(
                        () -> {
                            try {
                                go.await();
                                for (int i = 0; i < EACH; i++) {
                                    sending.send(new Message.StatsRequest(base + i));
                                }
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        r -> new Thread(r, "sender").start()));
            }
            go.countDown();
            CompletableFuture.allOf(senders.toArray(new CompletableFuture<?>[0]))
                    .get(60, TimeUnit.SECONDS);
            assertThat(all.await(60, TimeUnit.SECONDS))
                    .as("all %d messages arrived (%d did)", SENDERS * EACH, ids.size())
                    .isTrue();
            sending.close();
            receiving.close();
        }
    }
}
