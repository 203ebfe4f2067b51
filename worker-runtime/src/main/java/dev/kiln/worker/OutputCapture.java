package dev.kiln.worker;

import dev.kiln.concurrent.KilnThreads;
import dev.kiln.wire.Message;
import dev.kiln.wire.StdStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Replaces {@code System.out} and {@code System.err} with streams that forward what code
 * prints to the host as {@link Message.Output} frames, both streams in one sequence: a write
 * to one stream ends the piece of text the other has pending, so the host receives the
 * pieces in the order the code wrote them, each marked with its stream.
 *
 * <p>Text is batched (a full buffer, {@value #MAX_PIECES} pieces, or {@value #LINGER_MS} ms,
 * whichever comes first), so a flood of small prints does not become a flood of frames,
 * even when it alternates between the streams; {@link #flushAll()} runs before every reply so
 * that output always reaches the host before the result of the request that printed it. A
 * slow host slows the printing code down (backpressure): nothing is dropped.
 *
 * <p>Kiln keeps its own references to the streams it made: what user code does to
 * {@code System.out} and {@code System.err} (sets them to null, to a stream whose
 * {@code flush()} throws) never reaches the capture, its flushes, or Kiln's own reports
 * ({@link #err()}).
 *
 * <p>It also keeps the partial line last printed on stdout: the prompt of a read of
 * {@code System.in} ({@link #takePrompt()}).
 */
final class OutputCapture {
    static final int BUFFER = 32 * 1024;
    static final int MAX_PIECES = 4096;
    static final long LINGER_MS = 15;
    /** Longest prompt kept (its end: what is printed just before the read). */
    static final int MAX_PROMPT = 256;

    private final Consumer<Message> sink;
    /** Sends what lingered; made when first needed ({@link #flusher()}), its thread started later still. */
    private ScheduledThreadPoolExecutor flusher;

    private final Runnable lingerExpired = new LingerExpired();
    private final Object lock = new Object();

    /** Pieces ended and not sent yet, in write order. */
    private final List<StdStream> streams = new ArrayList<>();

    private final List<String> texts = new ArrayList<>();
    private int pendingBytes;
    /** The piece being written: its stream and bytes. */
    private StdStream open;

    private final byte[] openBytes = new byte[BUFFER];
    private int openLength;
    /** Per stream, the start of a UTF-8 sequence its last write left incomplete; it goes with its next piece. */
    private final byte[][] carry = new byte[StdStream.values().length][4];

    private final int[] carryLength = new int[StdStream.values().length];
    private boolean scheduled;
    /** stdout's bytes since its last newline (their end, at most MAX_PROMPT). */
    private final byte[] line = new byte[MAX_PROMPT];

    private int lineLength;
    /** The streams {@link #install()} makes System.out and System.err: Kiln's own, kept. */
    private final PrintStream out;

    private final PrintStream err;

    OutputCapture(Consumer<Message> sink) {
        this.sink = sink;
        this.out = new PrintStream(stream(StdStream.STDOUT), true, StandardCharsets.UTF_8);
        this.err = new PrintStream(stream(StdStream.STDERR), true, StandardCharsets.UTF_8);
    }

    /**
     * Starts the flusher's thread unless it runs already; cheap after the first time. Called by
     * the control thread as it hands on a snippet or a variable's value (user code that prints
     * more often than not, on a path that compiles first), so that a first print does not wait
     * for a thread to start. A call's output, and any that comes first, starts it with its first
     * write; the thread is the same whichever thread makes it ({@link FlusherThreads}).
     *
     * <p>Never throws {@code OutOfMemoryError} (a full heap, or no thread to be had): the control
     * thread calls it after handing the request on, and one more try of the request
     * ({@code WorkerAgent.handleWhenHeapIsFull}) would run it twice. The first write tries again.
     */
    void startFlusher() {
        try {
            ScheduledThreadPoolExecutor ex;
            synchronized (lock) {
                ex = flusher();
            }
            ex.prestartCoreThread();
        } catch (OutOfMemoryError e) {
            // the first write starts it, or says what is wrong
        }
    }

    /**
     * The flusher, made the first time it is needed (a snippet or variable request, or a first
     * print), not with the capture: a worker's set-up after its hello is on the way to its first
     * call. Its thread starts with {@link #startFlusher} or with the first flush it is given: an
     * idle worker that nobody used, or one that ran only calls that print nothing, holds no
     * flusher thread (its stack, its JVM-side structures: some 0.3 MB resident). Called with
     * {@link #lock} held.
     */
    private ScheduledThreadPoolExecutor flusher() {
        ScheduledThreadPoolExecutor ex = flusher;
        if (ex == null) {
            ex = new ScheduledThreadPoolExecutor(1, new FlusherThreads());
            ex.setRemoveOnCancelPolicy(true);
            flusher = ex;
        }
        return ex;
    }

    /**
     * The flusher's thread, the same whichever thread makes it (the control thread, or a first
     * print of user code): Kiln's group, Kiln's loader as its context loader, normal priority, and
     * no inheritable thread-locals.
     */
    private static final class FlusherThreads implements ThreadFactory {
        private final AtomicInteger made = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = KilnThreads.daemon(r, "kiln-output-flusher-" + made.incrementAndGet(), false);
            t.setContextClassLoader(OutputCapture.class.getClassLoader());
            t.setPriority(Thread.NORM_PRIORITY);
            return t;
        }
    }

    void install() {
        System.setOut(out);
        System.setErr(err);
    }

    /**
     * The stderr stream Kiln made, whatever {@code System.err} is now: where Kiln reports to the
     * user (a failed {@code callDo}), in order with what user code printed.
     */
    PrintStream err() {
        return err;
    }

    /** A stream whose writes join the sequence as {@code stream}'s. */
    OutputStream stream(StdStream stream) {
        return new Captured(stream);
    }

    /**
     * Sends everything printed so far, incomplete characters included. Kiln's streams hold no
     * bytes of their own (each print reaches the capture before it returns), so this never
     * touches {@code System.out} or {@code System.err}, whatever user code made of them.
     */
    void flushAll() {
        synchronized (lock) {
            emit(true);
        }
    }

    /** The partial line last printed on stdout, then forgotten: a read's prompt ({@code "Name: "}), or "". */
    String takePrompt() {
        synchronized (lock) {
            int from = 0;
            while (from < lineLength && (line[from] & 0xC0) == 0x80) {
                from++; // the kept end may start inside a character
            }
            String prompt = new String(line, from, lineLength - from, StandardCharsets.UTF_8);
            lineLength = 0;
            return prompt;
        }
    }

    private void write(StdStream stream, byte[] b, int off, int n) {
        synchronized (lock) {
            if (stream == StdStream.STDOUT) {
                keepLine(b, off, n);
            }
            while (n > 0) {
                if (open != stream) {
                    endPiece();
                    open = stream;
                    int c = carryLength[stream.ordinal()];
                    System.arraycopy(carry[stream.ordinal()], 0, openBytes, 0, c);
                    openLength = c;
                    carryLength[stream.ordinal()] = 0;
                }
                int k = Math.min(n, openBytes.length - openLength);
                System.arraycopy(b, off, openBytes, openLength, k);
                openLength += k;
                off += k;
                n -= k;
                if (pendingBytes + openLength >= BUFFER || streams.size() >= MAX_PIECES) {
                    emit(false);
                }
            }
            if (!scheduled && (openLength > 0 || !streams.isEmpty())) {
                // Marked once it is scheduled: scheduling that fails (a full heap) leaves the next write to try again.
                flusher().schedule(lingerExpired, LINGER_MS, TimeUnit.MILLISECONDS);
                scheduled = true;
            }
        }
    }

    /** What lingered for {@link #LINGER_MS} goes out. A class, not a method reference: see {@link WorkerMain}. */
    private final class LingerExpired implements Runnable {
        @Override
        public void run() {
            synchronized (lock) {
                scheduled = false;
                emit(false);
            }
        }
    }

    /**
     * Ends the open piece: its complete characters join the pending pieces, an incomplete one at
     * its end waits for its stream's next write.
     */
    private void endPiece() {
        StdStream s = open;
        open = null;
        if (s == null || openLength == 0) {
            return;
        }
        int cut = completeUtf8Prefix(openBytes, openLength);
        int rest = openLength - cut;
        System.arraycopy(openBytes, cut, carry[s.ordinal()], 0, rest);
        carryLength[s.ordinal()] = rest;
        openLength = 0;
        if (cut > 0) {
            streams.add(s);
            texts.add(new String(openBytes, 0, cut, StandardCharsets.UTF_8));
            pendingBytes += cut;
        }
    }

    /** Sends the pending pieces as one message; with {@code all}, incomplete characters too (as U+FFFD). */
    private void emit(boolean all) {
        endPiece();
        if (all) {
            for (StdStream s : StdStream.values()) {
                int c = carryLength[s.ordinal()];
                if (c > 0) {
                    streams.add(s);
                    texts.add(new String(carry[s.ordinal()], 0, c, StandardCharsets.UTF_8));
                    carryLength[s.ordinal()] = 0;
                }
            }
        }
        if (streams.isEmpty()) {
            return;
        }
        Message m = new Message.Output(streams.toArray(new StdStream[0]), texts.toArray(new String[0]));
        streams.clear();
        texts.clear();
        pendingBytes = 0;
        sink.accept(m);
    }

    private void keepLine(byte[] b, int off, int n) {
        int start = off;
        for (int i = off + n - 1; i >= off; i--) {
            if (b[i] == '\n') {
                lineLength = 0;
                start = i + 1;
                break;
            }
        }
        int k = off + n - start;
        if (k >= line.length) {
            System.arraycopy(b, off + n - line.length, line, 0, line.length);
            lineLength = line.length;
            return;
        }
        int drop = Math.max(0, lineLength + k - line.length);
        System.arraycopy(line, drop, line, 0, lineLength - drop);
        lineLength -= drop;
        System.arraycopy(b, start, line, lineLength, k);
        lineLength += k;
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

    /** One of the two streams: its writes go into the shared sequence. */
    private final class Captured extends OutputStream {
        private final StdStream stream;

        Captured(StdStream stream) {
            this.stream = stream;
        }

        @Override
        public void write(int b) {
            OutputCapture.this.write(stream, new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int n) {
            OutputCapture.this.write(stream, b, off, n);
        }

        /** PrintStream's autoflush calls this on every println: keep batching, the linger timer sends. */
        @Override
        public void flush() {}

        @Override
        public void close() {
            flushAll();
        }
    }
}
