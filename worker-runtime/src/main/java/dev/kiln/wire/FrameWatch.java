package dev.kiln.wire;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * The time limits of a frame ({@link FrameCodec#read(java.io.DataInputStream, int, Duration)}) kept
 * by another thread, for a reader that blocks without a read timeout: the reader's stream {@linkplain
 * #watch reports} each byte that arrives, the reader marks where a message ends, and {@link #overdue}
 * says, from any thread, whether the message in progress broke a limit: no byte of it for the
 * allowance, or not complete after the allowance plus a second per megabyte of its announced length.
 * Between messages there is no limit: an idle peer is fine.
 */
final class FrameWatch {
    /** When the first byte of the message in progress arrived ({@link System#nanoTime()}); 0 between messages. */
    private volatile long startedAt;

    private volatile long lastArrival;
    private volatile long arrived;
    /** The length its frames announced so far; -1 until the first frame's prefix is read. */
    private volatile long announced = -1;

    /** The reader's stream, reporting every byte that arrives. */
    InputStream watch(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    arrived(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    arrived(n);
                }
                return n;
            }
        };
    }

    /** {@code n} bytes of the message in progress arrived (read by other means than the watched stream). */
    void arrived(int n) {
        long now = System.nanoTime();
        arrived += n; // only the reader writes these
        lastArrival = now; // before startedAt: whoever sees the new start sees this arrival too
        if (startedAt == 0) {
            startedAt = now;
        }
    }

    /** The message in progress announces a frame of {@code length} bytes more. */
    void announced(long length) {
        long a = announced;
        announced = Math.max(a, 0) + length;
    }

    /** The message in progress is complete: what arrives next starts another. */
    void messageDone() {
        startedAt = 0; // first: overdue() sees a reset it read half of as a changed start
        arrived = 0;
        announced = -1;
    }

    /** Why the message in progress has taken too long ({@code now} from {@link System#nanoTime()}), or null. */
    String overdue(Duration allowance, long now) {
        long start = startedAt;
        if (start == 0) {
            return null;
        }
        long length = announced;
        long got = arrived;
        long last = lastArrival;
        if (startedAt != start) {
            return null; // that message ended meanwhile
        }
        if (now - last > allowance.toNanos()) {
            return (length < 0 ? "a frame's length prefix" : "a frame of " + length + " bytes") + " stalled after "
                    + got + " bytes: nothing more arrived for " + allowance.toMillis()
                    + " ms; the connection is closed";
        }
        long limit = allowance.toNanos() + Math.max(length, 0) * 1_000; // + 1 s per MB
        if (now - start > limit) {
            return "a frame of " + Math.max(length, 0) + " bytes was not complete after "
                    + Duration.ofNanos(limit).toSeconds() + " s (" + got
                    + " bytes arrived): the peer stalled; the connection is closed";
        }
        return null;
    }
}
