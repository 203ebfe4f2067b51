package dev.kiln.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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

    /** The host's socket comes from a channel and is read without a timeout: its frames' limits hold all the same. */
    @Test
    void aChannelConnectionWhosePeerStallsInsideAFrameClosesWithTheReason() throws Exception {
        try (ServerSocketChannel server =
                        ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Socket peer = new Socket(
                        InetAddress.getLoopbackAddress(), server.socket().getLocalPort());
                SocketChannel mine = server.accept()) {
            Connection c = new Connection(mine.socket(), "stalling-peer", FrameCodec.DEFAULT_MAX_FRAME);
            c.frameAllowance(Duration.ofMillis(500));
            CompletableFuture<Throwable> closed = new CompletableFuture<>();
            List<Message> received = new CopyOnWriteArrayList<>();
            c.start(received::add, closed::complete);
            DataOutputStream out = new DataOutputStream(peer.getOutputStream());
            WireOut whole = WireCodec.encode(new Message.StatsRequest(7), 1 << 20);
            FrameCodec.write(out, whole.getBuffer(), whole.position(), 1 << 20); // a whole message first
            out.write(header(ANNOUNCED));
            out.write(new byte[100]);
            out.flush(); // ... and nothing more
            Throwable reason = closed.get(60, TimeUnit.SECONDS);
            assertThat(reason)
                    .isInstanceOf(FrameException.class)
                    .hasMessageContaining("stalled")
                    .hasMessageContaining(ANNOUNCED + " bytes");
            assertThat(received).as("the message before the stalled one").hasSize(1);
            assertThat(c.isOpen()).isFalse();
        }
    }

    @Test
    void aChannelConnectionWithAnIdlePeerStaysOpen() throws Exception {
        try (ServerSocketChannel server =
                        ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Socket peer = new Socket(
                        InetAddress.getLoopbackAddress(), server.socket().getLocalPort());
                SocketChannel mine = server.accept()) {
            Connection c = new Connection(mine.socket(), "idle-peer", FrameCodec.DEFAULT_MAX_FRAME);
            c.frameAllowance(Duration.ofMillis(200));
            CompletableFuture<Message> first = new CompletableFuture<>();
            CompletableFuture<Throwable> closed = new CompletableFuture<>();
            c.start(first::complete, closed::complete);
            DataOutputStream out = new DataOutputStream(peer.getOutputStream());
            WireOut whole = WireCodec.encode(new Message.StatsRequest(7), 1 << 20);
            FrameCodec.write(out, whole.getBuffer(), whole.position(), 1 << 20);
            out.flush();
            assertThat(first.get(60, TimeUnit.SECONDS)).isInstanceOf(Message.StatsRequest.class);
            // Two of the watch's ticks with nothing in progress: an idle peer is no stalled frame.
            CompletableFuture<Void> ticks = new CompletableFuture<>();
            dev.kiln.concurrent.Timers.timer()
                    .schedule(() -> ticks.complete(null), 2L * Connection.READ_TICK_MS + 500, TimeUnit.MILLISECONDS);
            ticks.get(60, TimeUnit.SECONDS);
            assertThat(closed).isNotDone();
            assertThat(c.isOpen()).isTrue();
            c.close();
        }
    }
}
