package dev.kiln.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A peer that stops reading: the writer is not held forever; the connection closes with the reason. */
class StalledPeerTest {
    @Test
    @SuppressWarnings("try") // the peer socket only has to exist and read nothing
    void aWriteThePeerNeverReadsClosesTheConnectionAfterTheLimit() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket peer = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket mine = server.accept()) {
            Connection c = new Connection(mine, "deaf-peer", FrameCodec.DEFAULT_MAX_FRAME);
            CompletableFuture<Throwable> closed = new CompletableFuture<>();
            c.start(m -> {}, closed::complete);
            c.closeWhenWritesStallFor(Duration.ofSeconds(1));
            byte[] big = new byte[8 << 20]; // far more than the socket buffers hold: the write blocks
            CompletableFuture<Throwable> send = CompletableFuture.supplyAsync(() -> catchThrowable(() -> {
                for (int i = 0; i < 16; i++) {
                    c.send(new Message.Call(i, big, false));
                }
            }));
            Throwable failed = send.get(60, TimeUnit.SECONDS);
            assertThat(failed).hasMessageContaining("has not read");
            assertThat(closed.get(10, TimeUnit.SECONDS)).hasMessageContaining("treated as unresponsive");
            assertThat(c.isOpen()).isFalse();
        }
    }
}
