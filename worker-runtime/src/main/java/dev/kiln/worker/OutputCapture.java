package dev.kiln.worker;

import dev.kiln.concurrent.KilnThreads;
import dev.kiln.wire.Message;
import dev.kiln.wire.StdStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Replaces {@code System.out} and {@code System.err} with streams that forward what code
 * prints to the host as {@link Message.Output} frames. Text is buffered briefly (a full
 * buffer or {@value #LINGER_MS} ms, whichever comes first) so a flood of small prints
 * does not become a flood of frames; {@link #flushAll()} runs before every reply so that
 * output always reaches the host before the result of the request that printed it.
 * A slow host slows the printing code down (backpressure): nothing is dropped.
 */
final class OutputCapture {
    static final int BUFFER = 32 * 1024;
    static final long LINGER_MS = 15;

    private final CapturedStream out;
    private final CapturedStream err;
    private final ScheduledExecutorService flusher;

    OutputCapture(Consumer<Message> sink) {
        ScheduledThreadPoolExecutor ex =
                new ScheduledThreadPoolExecutor(1, KilnThreads.factory("kiln-output-flusher-"));
        ex.setRemoveOnCancelPolicy(true);
        ex.prestartCoreThread();
        this.flusher = ex;
        this.out = new CapturedStream(StdStream.STDOUT, sink, flusher);
        this.err = new CapturedStream(StdStream.STDERR, sink, flusher);
    }

    void install() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    void flushAll() {
        System.out.flush();
        System.err.flush();
        out.flushNow();
        err.flushNow();
    }

    static final class CapturedStream extends OutputStream {
        private final StdStream kind;
        private final Consumer<Message> sink;
        private final ScheduledExecutorService flusher;
        private final byte[] buf = new byte[BUFFER];
        private int len;
        private boolean scheduled;

        CapturedStream(StdStream kind, Consumer<Message> sink, ScheduledExecutorService flusher) {
            this.kind = kind;
            this.sink = sink;
            this.flusher = flusher;
        }

        @Override
        public synchronized void write(int b) {
            if (len == buf.length) {
                emit();
            }
            buf[len++] = (byte) b;
            scheduleLinger();
        }

        @Override
        public synchronized void write(byte[] b, int off, int n) {
            while (n > 0) {
                if (len == buf.length) {
                    emit();
                }
                int k = Math.min(n, buf.length - len);
                System.arraycopy(b, off, buf, len, k);
                len += k;
                off += k;
                n -= k;
            }
            scheduleLinger();
        }

        /** PrintStream's autoflush calls this on every println: keep batching, the linger timer sends. */
        @Override
        public void flush() {}

        synchronized void flushNow() {
            emit();
        }

        private void scheduleLinger() {
            if (!scheduled && len > 0) {
                scheduled = true;
                flusher.schedule(this::lingerExpired, LINGER_MS, TimeUnit.MILLISECONDS);
            }
        }

        private synchronized void lingerExpired() {
            scheduled = false;
            emit();
        }

        /** Sends the buffered text; keeps an incomplete UTF-8 sequence at the end for the next chunk. */
        private void emit() {
            if (len == 0) {
                return;
            }
            int cut = completeUtf8Prefix(buf, len);
            if (cut == 0) {
                cut = len; // garbage bytes: send them (decoded as U+FFFD) rather than hold them forever
            }
            String text = new String(buf, 0, cut, StandardCharsets.UTF_8);
            System.arraycopy(buf, cut, buf, 0, len - cut);
            len -= cut;
            sink.accept(new Message.Output(kind, text));
        }

        /** Length of the longest prefix that does not end inside a multi-byte UTF-8 sequence. */
        static int completeUtf8Prefix(byte[] b, int n) {
            int i = n - 1;
            int back = 0;
            while (i >= 0 && back < 3 && (b[i] & 0xC0) == 0x80) {
                i--;
                back++;
            }
            if (i < 0) {
                return n;
            }
            int lead = b[i] & 0xFF;
            int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            return (n - i) >= need ? n : i;
        }

        @Override
        public void close() throws IOException {
            flushNow();
        }
    }
}
