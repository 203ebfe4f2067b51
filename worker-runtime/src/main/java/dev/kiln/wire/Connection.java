package dev.kiln.wire;

import dev.kiln.concurrent.Timers;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One authenticated socket, or pair of pipes, between a host and a worker: a reader thread that decodes
 * frames and hands each message to a handler, and a single writer lock for sending.
 * A bad frame closes the connection (and only the connection) with a clear reason.
 */
public final class Connection implements AutoCloseable {
    /** A holder: System.getLogger starts java.util.logging, which a worker should not pay for before its first reply. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(Connection.class.getName());
    }

    /** What closing the connection closes: the socket, or the pipes' channels; null: the streams themselves. */
    private final Closeable underneath;

    private final DataInputStream in;
    private final DataOutputStream out;
    private final int maxFrame;
    private final String name;
    /** The channel under the socket, for the elements of bulk results; null for a plain socket or streams. */
    private final ChannelInput direct;
    /** Keeps the frame time limits of a reader that blocks without a timeout; null when the reads time out. */
    private final FrameWatch watch;

    private final Object writeLock = new Object();
    /** Writers between wanting the write lock and holding it. */
    private final AtomicInteger writersWaiting = new AtomicInteger();

    private volatile Duration frameAllowance = FrameCodec.FRAME_ALLOWANCE;
    /** When the write in progress began ({@link System#nanoTime()}), or 0 when none is. */
    private volatile long writingSince;
    /** How long one write may take before the connection is closed; null when writes may take any time. */
    private volatile Duration writeStallLimit;
    /** Why a stalled write closed the connection, once it has. */
    private volatile String stalledWrite;

    /**
     * 1 once closed. Not an {@code AtomicBoolean}: its VarHandle would be the JVM's first on an int
     * field, which a worker would set up (some 0.5 ms, interpreted) on its way to its first reply.
     */
    private final AtomicInteger closed = new AtomicInteger();

    /** The worker's shared-memory lane for large results ({@link SharedResults}); null: all go by socket. */
    private volatile SharedResults.Writer sharedOut;
    /** The host's side of that lane; null: a result that says it is there is a protocol violation. */
    private volatile SharedResults.Reader sharedIn;

    private volatile Consumer<Message> handler;
    private volatile Runnable onHeapFull = NOTHING;
    private volatile Consumer<Throwable> onClose;

    /** The default for {@link #onHeapFull}: a class, not a lambda, as a worker makes its connection after its hello. */
    private static final Runnable NOTHING = new Runnable() {
        @Override
        public void run() {}
    };

    /**
     * How often a blocked read wakes to check the frame in progress: a frame must arrive within
     * its allowance ({@link FrameCodec#read(DataInputStream, int, Duration)}), so a peer that
     * stops in the middle of one is noticed even when it sends nothing more.
     */
    static final int READ_TICK_MS = 2_000;

    /**
     * A connection over {@code socket}. A socket of a {@link java.nio.channels.SocketChannel} (the
     * host's, accepted by the handshake listener) is read without a read timeout, its frames' time
     * limits kept by a {@link FrameWatch} on Kiln's timer: a channel's socket read with a timeout
     * switches the channel to non-blocking and back around every read, two system calls more per
     * message under a lock that a writer takes too. Its streams are read and written at most 128
     * KB at a time ({@link ChannelChunks}), as a plain socket's are. Any other socket wakes every
     * {@link #READ_TICK_MS} to check the frame in progress itself.
     */
    public Connection(Socket socket, String name, int maxFrame) throws IOException {
        this(socket, socket.getInputStream(), socket.getOutputStream(), name, maxFrame, socket.getChannel());
        socket.setSoTimeout(watch != null ? 0 : READ_TICK_MS);
    }

    /**
     * A connection over plain streams: a worker's over its host's pipes, or a test's. Nothing
     * wakes its reads to check a frame in progress; closing it closes the streams.
     */
    public Connection(InputStream in, OutputStream out, String name, int maxFrame) {
        this(null, in, out, name, maxFrame, null);
    }

    /**
     * The host's side of a worker's pair of named pipes, read and written through their channels
     * as a channel's socket is (see above): closing the connection closes both channels, which
     * ends a read or a write blocked on either.
     */
    public Connection(FileChannel in, FileChannel out, String name, int maxFrame) {
        this(
                new BothChannels(in, out),
                PipeInput.stream(in),
                Channels.newOutputStream(out),
                name,
                maxFrame,
                new PipeInput(in));
    }

    /** Closes a pair of pipes' channels, the second even when the first fails. */
    private record BothChannels(FileChannel in, FileChannel out) implements Closeable {
        @Override
        public void close() throws IOException {
            try {
                in.close();
            } finally {
                out.close();
            }
        }
    }

    /** Over a channel's streams when {@code channel} is given (see above), else over plain streams. */
    private Connection(
            Closeable underneath,
            InputStream in,
            OutputStream out,
            String name,
            int maxFrame,
            ReadableByteChannel channel) {
        this.underneath = underneath;
        this.watch = channel != null ? new FrameWatch() : null;
        ChannelInput.Buffered buffered =
                new ChannelInput.Buffered(channel != null ? ChannelChunks.input(in) : in, 64 * 1024);
        this.in = new DataInputStream(watch != null ? watch.watch(buffered) : buffered);
        this.direct = channel != null ? new ChannelInput(channel, buffered, watch) : null;
        this.out = new DataOutputStream(
                new BufferedOutputStream(channel != null ? ChannelChunks.output(out) : out, 64 * 1024));
        this.name = name;
        this.maxFrame = maxFrame;
    }

    /**
     * Starts the reader thread.
     *
     * @param handler gets every message, on the reader thread, in arrival order
     * @param onClose called once when the connection ends: null for a clean end of stream, else the reason
     */
    public void start(Consumer<Message> handler, Consumer<Throwable> onClose) {
        this.handler = handler;
        this.onClose = onClose;
        watchFrames();
        dev.kiln.concurrent.KilnThreads.start(this::readLoop, "kiln-reader-" + name);
    }

    /** Runs the read loop on the calling thread (the worker's control thread; a host's reader thread, started ahead). */
    public void run(Consumer<Message> handler, Consumer<Throwable> onClose) {
        this.handler = handler;
        this.onClose = onClose;
        watchFrames();
        readLoop();
    }

    /** Has the frame in progress checked each second by {@link Checks}, when the reads do not time out. */
    private void watchFrames() {
        if (watch != null) {
            Checks.watch(this);
        }
    }

    /**
     * Every open connection's time limits (a frame in progress, a write in progress), checked by one
     * task on Kiln's timer each second while any connection needs it: a host with ten workers wakes
     * its timer once a second for all of them, not twice per worker.
     */
    private static final class Checks {
        private static final Set<Connection> WATCHED = ConcurrentHashMap.newKeySet();
        private static ScheduledFuture<?> task;

        private Checks() {}

        static synchronized void watch(Connection c) {
            WATCHED.add(c);
            if (task == null) {
                task = Timers.timer().scheduleAtFixedRate(Checks::sweep, 1, 1, TimeUnit.SECONDS);
            }
        }

        /** Stops checking {@code c}; the task ends with the last connection. */
        static synchronized void forget(Connection c) {
            if (WATCHED.remove(c) && WATCHED.isEmpty() && task != null) {
                task.cancel(false);
                task = null;
            }
        }

        private static void sweep() {
            long now = System.nanoTime();
            for (Connection c : WATCHED) {
                if (c.isClosed()) {
                    forget(c);
                } else {
                    c.checkLimits(now);
                }
            }
        }
    }

    /** Closes the connection when its frame in progress or its write in progress is over its time limit. */
    private void checkLimits(long now) {
        String overdue = watch != null ? watch.overdue(frameAllowance, now) : null;
        if (overdue != null) {
            closeWith(new FrameException(overdue));
            return;
        }
        Duration limit = writeStallLimit;
        long since = writingSince;
        if (limit != null && since != 0 && now - since > limit.toNanos()) {
            stalledWrite = name + " has not read what was sent to it for " + limit.toSeconds()
                    + " s: it is treated as unresponsive and its connection is closed";
            closeWith(new IOException(stalledWrite));
        }
    }

    private void readLoop() {
        Throwable reason = null;
        try {
            while (!isClosed()) {
                byte[] frame = FrameCodec.read(in, maxFrame, frameAllowance, onHeapFull, watch);
                if (frame == null) {
                    break;
                }
                Message m = WireCodec.decode(frame);
                if (m instanceof Message.BulkResult b) {
                    m = new Message.Result(b.id(), bulkValue(b), b.display());
                }
                if (watch != null) {
                    watch.messageDone();
                }
                try {
                    handler.accept(m);
                } catch (RuntimeException e) {
                    Log.LOG.log(
                            System.Logger.Level.ERROR,
                            "handler failed on " + m.getClass().getSimpleName() + " from " + name,
                            e);
                }
            }
        } catch (IOException e) {
            if (!isClosed()) {
                reason = e;
            }
        } catch (Throwable e) {
            reason = e;
        } finally {
            closeWith(reason);
        }
    }

    /** The value a {@link Message.BulkResult} announced: from the shared-memory lane, or from the frames that follow. */
    private Object bulkValue(Message.BulkResult b) throws IOException {
        if (b.shared()) {
            SharedResults.Reader shared = sharedIn;
            if (shared == null) {
                throw new FrameException("a result in shared memory from " + name
                        + ", which was offered no shared-memory lane: the peer is not speaking this version of the"
                        + " Kiln protocol");
            }
            return shared.read(b, maxFrame);
        }
        if (watch != null) {
            watch.announced((b.kind() == BulkFrames.STRING ? 2L : 1L) * Math.max(0, b.length()));
        }
        return BulkFrames.read(in, b, maxFrame, frameAllowance, direct);
    }

    /** The worker's side: large results go through {@code lane} when it can take them; closed with the connection. */
    public void shareResultsThrough(SharedResults.Writer lane) {
        this.sharedOut = lane;
    }

    /**
     * The host's side: results that say they are in shared memory are read from {@code lane}.
     * The caller closes it once the worker's process has exited (see {@link SharedResults.Reader#close}).
     */
    public void readSharedResultsFrom(SharedResults.Reader lane) {
        this.sharedIn = lane;
    }

    /**
     * Sends a reply whose value is a large primitive array or {@code String} ({@link
     * BulkFrames#isBulk}): a {@link Message.BulkResult} frame, then the value's elements in the
     * frames that follow, written from the value through a small buffer (no serializer copy); or,
     * for a large value when the connection has a shared-memory lane that can take it, the frame
     * alone, the value copied into the lane ({@link SharedResults}).
     *
     * @throws FrameException if the value is larger than a frame (nothing is sent)
     * @throws IOException    if the connection is closed or broken
     */
    public void sendBulkResult(long id, String display, Object value) throws IOException {
        BulkFrames.Plan plan = BulkFrames.plan(value);
        if (plan.length() > maxFrame) {
            throw new FrameException("a " + value.getClass().getSimpleName() + " of " + plan.length()
                    + (value instanceof String ? " chars" : " bytes") + " exceeds the maximum frame of " + maxFrame
                    + " bytes");
        }
        SharedResults.Writer lane = sharedOut;
        // Set aside as in writeFrames, for the copy into the lane too: its file channel is closed just as the socket's
        // when a thread with that status uses it (a call's thread, interrupted as it returns).
        boolean interrupted = Thread.interrupted();
        try {
            boolean shared = lane != null && lane.put(value, plan.kind(), plan.length());
            Message header = new Message.BulkResult(id, display, plan.kind(), (int) plan.length(), shared);
            writeFramesUninterrupted(
                    WireCodec.encode(header, maxFrame), shared ? null : BulkFrames.frames(value, plan));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Sends one message. Thread-safe; messages from one thread are sent in order.
     *
     * @throws FrameException if the message is too large (the connection stays open)
     * @throws IOException    if the connection is closed or broken
     */
    public void send(Message m) throws IOException {
        writeFrames(WireCodec.encode(m, maxFrame), null);
    }

    /**
     * Writes an encoded message and, when given, raw frames right after it, with nothing in between.
     * The writing thread's interrupt status is set aside while it writes, and put back: a
     * channel's socket (the host's) is closed when a thread with that status writes to it, and a
     * caller that was interrupted must not end its worker's connection.
     */
    private void writeFrames(WireOut encoded, BulkFrames.Frames raw) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            writeFramesUninterrupted(encoded, raw);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeFramesUninterrupted(WireOut encoded, BulkFrames.Frames raw) throws IOException {
        writersWaiting.incrementAndGet();
        synchronized (writeLock) {
            writersWaiting.decrementAndGet();
            if (isClosed()) {
                throw new IOException("connection to " + name + " is closed");
            }
            writingSince = System.nanoTime();
            try {
                try {
                    FrameCodec.write(out, encoded.getBuffer(), encoded.position(), maxFrame);
                    if (raw != null) {
                        try {
                            raw.writeTo(out);
                        } catch (RuntimeException | Error e) {
                            // Part of a frame is out: nothing else can follow it on this stream.
                            closeWith(
                                    new IOException("a bulk result to " + name + " failed part way through: " + e, e));
                            throw e;
                        }
                    }
                } finally {
                    // A writer already waiting for the lock flushes this message with its own: one system call
                    // for both, and this one waits no longer than that writer's copy into the buffer.
                    if (writersWaiting.get() == 0) {
                        out.flush();
                    }
                }
            } catch (FrameException e) {
                throw e; // too large: checked before a byte is written, the connection stays usable
            } catch (IOException e) {
                String stalled = stalledWrite;
                IOException reason = stalled != null ? new IOException(stalled, e) : e;
                closeWith(reason);
                throw reason;
            } finally {
                writingSince = 0;
            }
        }
    }

    /**
     * Closes the connection when one write has not completed for {@code limit}: the peer does not
     * read (a worker stuck or hostile), and whoever writes to it must not wait forever. Checked
     * every second on Kiln's timer while the connection is open.
     */
    public void closeWhenWritesStallFor(Duration limit) {
        writeStallLimit = limit;
        Checks.watch(this);
    }

    /**
     * What to run when the reader, waiting for a frame, finds the heap full (a worker whose code
     * filled it gives back the memory it kept for replies); see {@link FrameCodec#read(DataInputStream,
     * int, Duration, Runnable)}.
     */
    public void onHeapFull(Runnable r) {
        this.onHeapFull = r;
    }

    /** The time a frame may take before the connection is closed (see {@link FrameCodec#FRAME_ALLOWANCE}); for tests. */
    void frameAllowance(Duration allowance) {
        this.frameAllowance = allowance;
    }

    public boolean isOpen() {
        return !isClosed();
    }

    private boolean isClosed() {
        return closed.get() != 0;
    }

    public int maxFrame() {
        return maxFrame;
    }

    @Override
    public void close() {
        closeWith(null);
    }

    private void closeWith(Throwable reason) {
        if (!closed.compareAndSet(0, 1)) {
            return;
        }
        Checks.forget(this);
        SharedResults.Writer lane = sharedOut;
        if (lane != null) {
            lane.close();
        }
        try {
            if (underneath != null) {
                underneath.close();
            } else {
                in.close();
                out.close();
            }
        } catch (IOException ignored) {
            // closing: nothing more to tell
        }
        Consumer<Throwable> c = onClose;
        if (c != null) {
            c.accept(reason);
        }
    }
}
