package dev.kiln.wire;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * The host's side of a connection read straight from its channel, for the elements of a bulk
 * result ({@link BulkFrames}): into a direct buffer, from which they are copied into their array.
 * Read through the socket's stream, each read went through a temporary direct buffer into a byte
 * array and only then into the array: one copy of the whole array more. Bytes that the
 * connection's buffered stream holds already are taken from it first, and every byte read here
 * is reported to the connection's {@link FrameWatch}, which keeps the frame's time limits (the
 * channel is read without a timeout; a watch that closes it ends the read).
 */
final class ChannelInput {
    /** The direct buffer's size: what the socket's stream reads at most at a time ({@link ChannelChunks}). */
    static final int BUFFER = ChannelChunks.MAX;

    private final ReadableByteChannel channel;
    private final Buffered buffered;
    private final FrameWatch watch;
    /** Made with the first bulk result of elements: native memory a connection that never gets one does not hold. */
    private ByteBuffer buffer;

    private byte[] held;

    ChannelInput(ReadableByteChannel channel, Buffered buffered, FrameWatch watch) {
        this.channel = channel;
        this.buffered = buffered;
        this.watch = watch;
    }

    /** The direct buffer, cleared, in the wire's byte order. */
    ByteBuffer buffer() {
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(BUFFER).order(BulkFrames.ORDER);
        }
        return buffer.clear();
    }

    /**
     * Reads at least one byte and at most {@code dst.remaining()} into {@code dst}: what the
     * buffered stream {@code in} (the connection's, over {@link #buffered}) holds first, then
     * from the channel.
     *
     * @return the bytes read, never 0
     * @throws FrameException when the stream ends first
     */
    int read(ByteBuffer dst, DataInputStream in) throws IOException {
        int inBuffer = buffered.held();
        if (inBuffer > 0) {
            int n = Math.min(inBuffer, dst.remaining());
            if (held == null || held.length < n) {
                held = new byte[Math.max(n, 8 * 1024)];
            }
            int got = in.read(held, 0, n); // from the stream's buffer alone: it holds n; reported to the watch there
            if (got > 0) {
                dst.put(held, 0, got);
                return got;
            }
        }
        int n = channel.read(dst);
        if (n < 0) {
            throw new FrameException("truncated bulk result: the stream ended inside it");
        }
        if (watch != null && n > 0) {
            watch.arrived(n);
        }
        return n;
    }

    /** A buffered stream that says how many bytes it holds. */
    static final class Buffered extends BufferedInputStream {
        Buffered(InputStream in, int size) {
            super(in, size);
        }

        /** The bytes read from the stream underneath and not handed on yet. */
        synchronized int held() {
            return count - pos;
        }
    }
}
