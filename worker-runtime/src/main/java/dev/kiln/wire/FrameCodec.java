package dev.kiln.wire;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/**
 * Length-prefixed frames: a 4-byte big-endian length, then that many bytes.
 * The length is checked against a maximum before anything is allocated, so a
 * corrupt or hostile length gives a {@link FrameException}, never an OutOfMemoryError.
 */
public final class FrameCodec {
    /** Default largest frame: big enough for a 50 MB array plus headroom, small enough to refuse nonsense. */
    public static final int DEFAULT_MAX_FRAME = 256 * 1024 * 1024;

    private FrameCodec() {}

    public static void write(DataOutputStream out, byte[] payload, int length, int maxFrame) throws IOException {
        if (length > maxFrame) {
            throw new FrameException("frame of " + length + " bytes exceeds the maximum of " + maxFrame + " bytes");
        }
        // By hand, not writeInt: see ModifiedUtf8.
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        out.write(payload, 0, length);
    }

    /** How long a frame may take: a fixed allowance plus one second per megabyte. */
    public static final Duration FRAME_ALLOWANCE = Duration.ofSeconds(30);

    /** The first allocation for a frame's payload; it grows as bytes arrive, never past the frame's length. */
    static final int FIRST_CHUNK = 64 * 1024;

    /**
     * Reads one frame, with the default time limit ({@link #FRAME_ALLOWANCE} plus a second per
     * megabyte).
     *
     * @return the payload, or null at a clean end of stream (before a frame starts)
     * @throws FrameException for a negative or oversized length, a stream that ends inside a frame,
     *     or a frame that does not arrive in time
     */
    public static byte[] read(DataInputStream in, int maxFrame) throws IOException {
        return read(in, maxFrame, FRAME_ALLOWANCE);
    }

    /**
     * Reads one frame. Waiting for a frame to start has no limit (a socket read timeout there
     * only means the peer is idle); once its length is read, the frame fails when no byte of it
     * arrives for {@code allowance}, or when it is not complete after {@code allowance} plus a
     * second per megabyte. The payload's buffer grows with the bytes that actually arrive: a
     * length prefix alone allocates nothing large.
     */
    public static byte[] read(DataInputStream in, int maxFrame, Duration allowance) throws IOException {
        return read(in, maxFrame, allowance, () -> {});
    }

    /** Times a read between frames may find the heap full (after {@code heapFull} ran) before it gives up. */
    static final int HEAP_FULL_RETRIES = 3;

    /**
     * {@link #read(DataInputStream, int, Duration)}, where running out of memory while waiting
     * for a frame to start (making the idle timeout's exception, in a heap that code in a worker
     * filled) takes nothing of a frame: {@code heapFull} runs (its owner may give memory back)
     * and the wait goes on; a heap that stays full ends the read with the OutOfMemoryError.
     */
    public static byte[] read(DataInputStream in, int maxFrame, Duration allowance, Runnable heapFull)
            throws IOException {
        return read(in, maxFrame, allowance, heapFull, null);
    }

    /** {@link #read(DataInputStream, int, Duration, Runnable)}, telling {@code watch} (when given) the frame's length. */
    static byte[] read(DataInputStream in, int maxFrame, Duration allowance, Runnable heapFull, FrameWatch watch)
            throws IOException {
        int b0;
        int full = 0;
        while (true) {
            try {
                b0 = in.read();
                break;
            } catch (SocketTimeoutException idle) {
                full = 0; // between frames: an idle peer is fine
            } catch (OutOfMemoryError e) {
                if (++full > HEAP_FULL_RETRIES) {
                    throw e;
                }
                heapFull.run();
            }
        }
        if (b0 < 0) {
            return null;
        }
        long start = System.nanoTime();
        int length = (b0 << 24)
                | (readByte(in, start, allowance) << 16)
                | (readByte(in, start, allowance) << 8)
                | readByte(in, start, allowance);
        if (length < 0) {
            throw new FrameException("invalid frame length " + length + ": the peer is not speaking the Kiln protocol");
        }
        if (length > maxFrame) {
            throw new FrameException("frame of " + length + " bytes exceeds the maximum of " + maxFrame
                    + " bytes; the connection is closed");
        }
        if (watch != null) {
            watch.announced(length);
        }
        long limitNanos = allowance.toNanos() + (long) length * 1_000; // + 1 s per MB
        byte[] payload = new byte[Math.min(length, FIRST_CHUNK)];
        int read = 0;
        long lastProgress = System.nanoTime();
        while (read < length) {
            if (read == payload.length) {
                // Four times what arrived: memory stays within 4x the bytes received, and a 50 MB frame is
                // copied about a third of its size on the way (doubling would copy all of it).
                payload = Arrays.copyOf(payload, (int) Math.min(length, 4L * payload.length));
            }
            int n;
            try {
                n = in.read(payload, read, payload.length - read);
            } catch (SocketTimeoutException stalled) {
                n = 0;
            }
            if (n < 0) {
                throw new FrameException(
                        "truncated frame: expected " + length + " bytes, the stream ended after " + read);
            }
            read += n;
            long now = System.nanoTime();
            if (n > 0) {
                lastProgress = now;
            }
            if (read < length && now - lastProgress > allowance.toNanos()) {
                throw new FrameException("a frame of " + length + " bytes stalled after " + read + " bytes: nothing"
                        + " more arrived for " + allowance.toMillis() + " ms; the connection is closed");
            }
            if (read < length && now - start > limitNanos) {
                throw new FrameException("a frame of " + length + " bytes was not complete after "
                        + Duration.ofNanos(limitNanos).toSeconds() + " s (" + read
                        + " bytes arrived): the peer stalled; the connection is closed");
            }
        }
        return payload;
    }

    static int readByte(DataInputStream in, long start, Duration allowance) throws IOException {
        while (true) {
            try {
                int b = in.read();
                if (b < 0) {
                    throw new FrameException("truncated frame: the stream ended inside the 4-byte length prefix");
                }
                return b;
            } catch (SocketTimeoutException stalled) {
                if (System.nanoTime() - start > allowance.toNanos()) {
                    throw new FrameException("a frame's length prefix was not complete after " + allowance.toSeconds()
                            + " s: the peer stalled; the connection is closed");
                }
            }
        }
    }
}
