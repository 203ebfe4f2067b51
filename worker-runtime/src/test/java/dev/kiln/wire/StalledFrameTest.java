package dev.kiln.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A peer (a compromised or buggy worker) that announces a large frame and then sends little
 * or nothing: the reader allocates only what arrives, and gives up on a frame that does not
 * arrive in time, closing that connection only.
 */
class StalledFrameTest {
    private static final int ANNOUNCED = 200 * 1024 * 1024;

    private static byte[] header(int length) {
        return ByteBuffer.allocate(4).putInt(length).array();
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void aLengthPrefixAloneAllocatesNothingLarge() {
        byte[] stream = new byte[4 + 1000];
        System.arraycopy(header(ANNOUNCED), 0, stream, 0, 4);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(stream));
        long before = allocatedByThisThread();
        assertThatThrownBy(() -> FrameCodec.read(in, FrameCodec.DEFAULT_MAX_FRAME))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("truncated");
        long allocated = allocatedByThisThread() - before;
        assertThat(allocated)
                .as("bytes allocated for a 200 MB announcement with 1 KB behind it")
                .isLessThan(4L << 20);
    }

    @Test
    void aFrameThatStallsFailsOnceItsAllowanceIsUsedUp() {
        byte[] start = new byte[4 + 10];
        System.arraycopy(header(1000), 0, start, 0, 4);
        InputStream stalling = new InputStream() {
            private final InputStream first = new ByteArrayInputStream(start);

            @Override
            public int read() throws IOException {
                int b = first.read();
                if (b < 0) {
                    throw new SocketTimeoutException("no data"); // a socket whose peer sends nothing more
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = first.read(b, off, len);
                if (n < 0) {
                    throw new SocketTimeoutException("no data");
                }
                return n;
            }
        };
        assertThatThrownBy(() -> FrameCodec.read(new DataInputStream(stalling), 1 << 20, Duration.ofMillis(300)))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("stalled")
                .hasMessageContaining("1000 bytes");
    }

    @Test
    void aConnectionWhosePeerStallsInsideAFrameClosesWithTheReason() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket peer = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket mine = server.accept()) {
            Connection c = new Connection(mine, "stalling-peer", FrameCodec.DEFAULT_MAX_FRAME);
            c.frameAllowance(Duration.ofMillis(500));
            CompletableFuture<Throwable> closed = new CompletableFuture<>();
            c.start(m -> {}, closed::complete);
            OutputStream out = peer.getOutputStream();
            out.write(header(ANNOUNCED));
            out.write(new byte[100]);
            out.flush(); // ... and nothing more
            Throwable reason = closed.get(60, TimeUnit.SECONDS);
            assertThat(reason).isInstanceOf(FrameException.class).hasMessageContaining("stalled");
            assertThat(c.isOpen()).isFalse();
        }
    }
}
