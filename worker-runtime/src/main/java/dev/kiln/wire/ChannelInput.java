package dev.kiln.wire;

import java.io.BufferedInputStream;
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
     * connection's buffered stream holds first, then from the channel.
     *
     * @return the bytes read, never 0
     * @throws FrameException when the stream ends first
     */
    int read(ByteBuffer dst) throws IOException {
        int n = buffered.drainTo(dst);
        if (n == 0) {
            n = channel.read(dst);
            if (n < 0) {
                throw new FrameException("truncated bulk result: the stream ended inside it");
            }
        }
        if (watch != null) {
            watch.arrived(n);
        }
        return n;
    }

    /** A buffered stream whose held bytes can be taken into a buffer. */
    static final class Buffered extends BufferedInputStream {
        Buffered(InputStream in, int size) {
            super(in, size);
        }

        /** Moves what it holds (read from the stream underneath, not handed on yet) into {@code dst}, as much as fits. */
        synchronized int drainTo(ByteBuffer dst) {
            int n = Math.min(count - pos, dst.remaining());
            if (n > 0) {
                dst.put(buf, pos, n);
                pos += n;
            }
            return n;
        }
    }
}
