package dev.kiln.wire;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The shared-memory lane: large primitive arrays and strings from a worker on the host's own machine travel
 * through a file in shared memory ({@code /dev/shm}) that both processes keep mapped, instead of
 * through the socket. The worker copies the array into the file once, the host copies it out
 * once: a 50 MB {@code int[]} costs each side one memory copy, where the socket costs the worker
 * a conversion, a copy into the kernel and the kernel's own copy out.
 *
 * <p>The host names the file (in the worker's invitation) and offers the lane only to a worker it
 * started on its own machine, on Linux ({@link #folder}). The worker makes the file when its first
 * such result is ready, owner-only and refusing one that exists ({@code O_EXCL}); its {@link
 * Message.BulkResult} then says the elements are there ({@link Message.BulkResult#shared()}) and
 * nothing follows it on the socket. The host opens the file the first time, checks that it is a
 * regular file of its own user that nobody else may read, and unlinks it: from then on only the two
 * processes hold it, and a worker that is killed leaves nothing behind. Once the worker's process
 * has exited, the host truncates the file (its pages go at once, though the host's mapping stays
 * until a collection) or deletes it if it never opened it.
 *
 * <p>The file starts with a header of {@link #HEADER} bytes; its first long is how many results
 * the host has copied out, written by the host once it holds its copy. A worker puts a result in
 * the file only when the host has copied every earlier one: a result that finds the file busy (a
 * second thread's, while the host copies the first) goes by socket. A result smaller than {@link
 * #MIN_BYTES} (a string: chars) and a {@code boolean[]} always do. An array lies in the file as its
 * elements, little-endian; a string as the segments it would have on the socket ({@link
 * BulkStrings}), which the host reads up to the file's end at most.
 *
 * <p>The file grows to the largest result so far and keeps its pages: pages made fresh for each
 * result cost more than the socket (about 60 ms for 50 MB here). The worker gives them back when
 * no result has used the file for {@link #IDLE_SECONDS} s. When the file cannot grow (the
 * shared-memory file system is full), the worker stops using the lane and sends by socket.
 */
public final class SharedResults {
    /** Results this large or larger (in bytes) use the lane; smaller ones are cheap enough by socket. */
    public static final long MIN_BYTES = 1L << 20;

    /** The header before the elements: the host's count of results copied out, then room to spare. */
    static final int HEADER = 64;

    /** The file grows in steps of this size, so that results of about the same size reuse its mapping. */
    static final long GROWTH = 1L << 20;

    /** How long the file keeps its pages after the last result that used it. */
    static final long IDLE_SECONDS = 10;

    /**
     * The header's count, read and written as a long of the mapping with acquire and release. In a
     * holder: a host looks up {@link #folder} when it starts its first worker, and needs this only
     * with its first result through the lane.
     */
    private static final class Count {
        static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, BulkFrames.ORDER);

        private Count() {}
    }

    private SharedResults() {}

    /**
     * Where a host on {@code os} puts the files of the lane, or empty when it offers none: the
     * lane is for Linux, where {@code /dev/shm} is memory that both processes can map.
     */
    public static Optional<Path> folder(dev.kiln.platform.OsFamily os) {
        if (os != dev.kiln.platform.OsFamily.LINUX) {
            return Optional.empty();
        }
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? Optional.of(shm) : Optional.empty();
    }

    /** Whether {@code kind} may use the lane: a string, or an array of any element type but boolean. */
    static boolean carries(byte kind) {
        return kind != BulkFrames.BOOLEANS && BulkFrames.elementSize(kind) != 0;
    }

    /**
     * The most bytes a string of {@code chars} takes in the file: its segments as on the socket
     * ({@link BulkStrings}), each a length, a tag and its chars, two bytes a char at most.
     */
    static long stringBytesAtMost(int chars) {
        return 2L * chars + 5L * ((chars + (long) BulkFrames.CHUNK - 1) / BulkFrames.CHUNK);
    }

    /** What the file holds of a result of {@code kind} and {@code length}: bytes, or for a string at most. */
    private static long extent(byte kind, long length) {
        return kind == BulkFrames.STRING ? stringBytesAtMost((int) length) : length;
    }

    /** Writes into a buffer (the file's mapping): a string's segments go there as they would go on the socket. */
    private static final class BufferOutput extends OutputStream {
        private final ByteBuffer to;

        BufferOutput(ByteBuffer to) {
            this.to = to;
        }

        @Override
        public void write(int b) {
            to.put((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            to.put(b, off, len);
        }
    }

    /** Reads from a buffer (the file's mapping), ending where it ends. */
    private static final class BufferInput extends InputStream {
        private final ByteBuffer from;

        BufferInput(ByteBuffer from) {
            this.from = from;
        }

        @Override
        public int read() {
            return from.hasRemaining() ? from.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!from.hasRemaining()) {
                return -1;
            }
            int n = Math.min(len, from.remaining());
            from.get(b, off, n);
            return n;
        }
    }

    /** The worker's side: puts results in the file for the host to copy out. Thread-safe. */
    public static final class Writer implements AutoCloseable {
        private final String path;
        private final ReentrantLock lock = new ReentrantLock();
        private FileChannel channel;
        /** The whole file, header included; null until the first result. */
        private MappedByteBuffer map;
        /** Results put in the file so far. */
        private long published;
        /** Set once the lane failed: every result goes by socket from then on. */
        private boolean unusable;

        private long lastUse;
        private ScheduledFuture<?> shrink;

        /** A lane through the file at {@code path}, made when the first result needs it. */
        public Writer(String path) {
            this.path = path;
        }

        /**
         * Copies {@code value}, an array of {@code kind} taking {@code length} bytes or a string of
         * {@code length} chars, into the file, and returns true: the host reads it from there.
         * False when it must go by socket:
         * too small, a kind the lane does not carry, the file busy with an earlier result, or the
         * lane unusable.
         */
        boolean put(Object value, byte kind, long length) {
            if (length < MIN_BYTES || !carries(kind) || !lock.tryLock()) {
                return false;
            }
            try {
                if (unusable || (map != null && (long) Count.LONG.getAcquire(map, 0) != published)) {
                    return false;
                }
                try {
                    long bytes = extent(kind, length);
                    room(HEADER + bytes);
                    copyIn(map.slice(HEADER, (int) bytes).order(BulkFrames.ORDER), kind, value);
                } catch (IOException | RuntimeException | InternalError e) {
                    // InternalError: a fault in the copy that the JVM reported at once (an interpreted copy).
                    giveUp();
                    return false;
                }
                published++;
                lastUse = System.nanoTime();
                if (shrink == null) {
                    shrink = dev.kiln.concurrent.Timers.timer()
                            .scheduleWithFixedDelay(this::shrinkWhenIdle, IDLE_SECONDS, IDLE_SECONDS, TimeUnit.SECONDS);
                }
                return true;
            } finally {
                lock.unlock();
            }
        }

        /**
         * Makes the file at least {@code bytes} long, its new pages written (zeros) so that they
         * exist, and maps all of it. A page that cannot be had when a copy through the mapping
         * touches it is a SIGBUS, which the JVM turns into an {@code InternalError}; after a copy by
         * compiled code it throws that at some later point of the thread, past any {@code try}
         * around the copy. Written here, a full file system is an {@code IOException} instead, and
         * the pages, once had, stay with the file until it is truncated.
         */
        private void room(long bytes) throws IOException {
            if (channel == null) {
                channel = FileChannel.open(
                        Path.of(path),
                        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(
                                EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
            }
            if (map != null && map.capacity() >= bytes) {
                return;
            }
            long size = (bytes + GROWTH - 1) / GROWTH * GROWTH;
            ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
            for (long at = channel.size(); at < size; at += zeros.capacity()) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
                while (zeros.hasRemaining()) {
                    channel.write(zeros, at + zeros.position());
                }
            }
            map = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
        }

        private static void copyIn(ByteBuffer to, byte kind, Object value) throws IOException {
            switch (kind) {
                case BulkFrames.STRING ->
                    BulkStrings.frames((String) value).writeTo(new DataOutputStream(new BufferOutput(to)));
                case BulkFrames.BYTES -> to.put((byte[]) value);
                case BulkFrames.INTS -> to.asIntBuffer().put((int[]) value);
                case BulkFrames.LONGS -> to.asLongBuffer().put((long[]) value);
                case BulkFrames.DOUBLES -> to.asDoubleBuffer().put((double[]) value);
                case BulkFrames.FLOATS -> to.asFloatBuffer().put((float[]) value);
                case BulkFrames.SHORTS -> to.asShortBuffer().put((short[]) value);
                default -> to.asCharBuffer().put((char[]) value);
            }
        }

        /** Gives the file's pages back once no result has used it for {@link #IDLE_SECONDS} and the host is done. */
        private void shrinkWhenIdle() {
            lock.lock();
            try {
                boolean idle = System.nanoTime() - lastUse >= TimeUnit.SECONDS.toNanos(IDLE_SECONDS);
                if (unusable || map == null || !idle || (long) Count.LONG.getAcquire(map, 0) != published) {
                    return;
                }
                if (map.capacity() > HEADER) {
                    channel.truncate(HEADER); // the header stays: the host's count lives there
                    map = channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER);
                }
            } catch (IOException e) {
                giveUp();
            } finally {
                lock.unlock();
            }
        }

        /** Stops using the lane and frees what the file holds. */
        private void giveUp() {
            if (channel != null) {
                try {
                    channel.truncate(0);
                } catch (IOException ignored) {
                    // the host frees it once the worker has exited
                }
            }
            close();
        }

        /** Stops using the lane: its idle check ends, and its file is closed (its pages go with the host's side). */
        @Override
        public void close() {
            lock.lock();
            try {
                unusable = true;
                map = null;
                if (shrink != null) {
                    shrink.cancel(false);
                }
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // closing: nothing more to free here
            } finally {
                lock.unlock();
            }
        }

        /** The file's size now, for tests: 0 before it exists. */
        long sizeForTests() throws IOException {
            lock.lock();
            try {
                return channel == null || !channel.isOpen() ? 0 : channel.size();
            } finally {
                lock.unlock();
            }
        }

        /** Runs the idle check now, for tests, as if the last use were {@link #IDLE_SECONDS} ago. */
        void shrinkNowForTests() {
            lock.lock();
            try {
                lastUse -= TimeUnit.SECONDS.toNanos(IDLE_SECONDS);
            } finally {
                lock.unlock();
            }
            shrinkWhenIdle();
        }
    }

    /** The host's side: copies results out of the file its worker made. Used by the connection's reader thread. */
    public static final class Reader implements AutoCloseable {
        private final Path path;
        private FileChannel channel;
        private MappedByteBuffer map;
        private long copied;
        private boolean closed;

        /** Reads results from the file at {@code path}, once its worker has made it. */
        public Reader(Path path) {
            this.path = path;
        }

        /**
         * The value that {@code header} says is in the file: a new array of its kind, or a
         * string, copied out.
         *
         * @throws FrameException when the header names a kind the lane does not carry or a length
         *     that is negative, over {@code maxFrame} or not whole elements; when the file is not
         *     there, is not the worker's own (a regular file of this user that nobody else may
         *     read), or is shorter than the result; and when it is cut short while being read
         */
        synchronized Object read(Message.BulkResult header, int maxFrame) throws FrameException {
            // A channel that a thread with its interrupt status set uses is closed: set it aside, and put it back.
            boolean interrupted = Thread.interrupted();
            try {
                return readUninterrupted(header, maxFrame);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private Object readUninterrupted(Message.BulkResult header, int maxFrame) throws FrameException {
            byte kind = header.kind();
            int length = header.length();
            int size = BulkFrames.elementSize(kind);
            if (!carries(kind)) {
                throw new FrameException("a result in shared memory names element type " + kind
                        + ", which the shared-memory lane does not carry");
            }
            boolean string = kind == BulkFrames.STRING;
            if (string && (length < 0 || length > maxFrame)) {
                throw new FrameException("a string in shared memory announces " + length
                        + " chars; the maximum frame is " + maxFrame + " bytes");
            }
            if (!string && (length < 0 || length > maxFrame || length % size != 0)) {
                throw new FrameException("a result in shared memory announces " + length
                        + " bytes: not a whole number of " + size + "-byte elements up to the maximum frame of "
                        + maxFrame + " bytes");
            }
            if (closed) {
                throw new FrameException("a result arrived in shared memory after the connection closed");
            }
            long extent;
            try {
                if (channel == null) {
                    channel = open(path);
                }
                long available = channel.size();
                if (!string && available < HEADER + (long) length) {
                    throw new FrameException("a result of " + length + " bytes in shared memory, but its file holds "
                            + available + " bytes: the worker's file was cut short");
                }
                // A string's segments are read up to where they end: at most its longest, and never past the file.
                extent = string ? Math.min(available - HEADER, stringBytesAtMost(length)) : length;
                if (extent < 0) {
                    throw new FrameException("the worker's shared-memory file holds no header");
                }
                if (map == null || map.capacity() < HEADER + extent) {
                    map = channel.map(FileChannel.MapMode.READ_WRITE, 0, available);
                }
            } catch (IOException e) {
                throw e instanceof FrameException f
                        ? f
                        : new FrameException("cannot open the worker's shared-memory file " + path + ": " + e, e);
            }
            Object into;
            try {
                ByteBuffer from = map.slice(HEADER, (int) extent).order(BulkFrames.ORDER);
                into = string
                        ? BulkStrings.read(
                                new BulkFrames.Progress(
                                        new DataInputStream(new BufferInput(from)), extent, FrameCodec.FRAME_ALLOWANCE),
                                length)
                        : copyOut(from, kind, length / size);
                // A worker that cuts its file short during the copy faults it (SIGBUS): the JVM goes on, and throws an
                // InternalError on this thread, now or a little later, which closes the connection. The size is
                // checked again so that such a result is refused either way.
                long read = string ? from.position() : length; // an array's views leave the position where it was
                if (channel.size() < HEADER + read) {
                    throw new FrameException("the worker's shared-memory file was cut short while its result was read");
                }
            } catch (InternalError e) {
                throw new FrameException("the worker's shared-memory file was cut short while its result was read", e);
            } catch (FrameException e) {
                throw e;
            } catch (IOException e) {
                throw new FrameException("cannot read the worker's shared-memory file: " + e, e);
            }
            copied++;
            Count.LONG.setRelease(map, 0, copied);
            return into;
        }

        /** Opens the worker's file, checks it is the worker's own, and unlinks it: the two processes hold it now. */
        private static FileChannel open(Path path) throws IOException {
            FileChannel c = FileChannel.open(
                    path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            try {
                Map<String, Object> a =
                        Files.readAttributes(path, "unix:isRegularFile,uid,permissions", LinkOption.NOFOLLOW_LINKS);
                Object ours = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
                Set<?> permissions = (Set<?>) a.get("permissions");
                Set<PosixFilePermission> allowed =
                        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
                if (!Boolean.TRUE.equals(a.get("isRegularFile"))
                        || !a.get("uid").equals(ours)
                        || !allowed.containsAll(permissions)) {
                    throw new FrameException("the worker's shared-memory file " + path + " is not its own (a regular"
                            + " file of this user that only its owner may read): the connection is closed");
                }
                Files.delete(path);
                return c;
            } catch (IOException | RuntimeException e) {
                c.close();
                throw e;
            }
        }

        private static Object copyOut(ByteBuffer from, byte kind, int count) {
            switch (kind) {
                case BulkFrames.BYTES -> {
                    byte[] b = new byte[count];
                    from.get(b);
                    return b;
                }
                case BulkFrames.INTS -> {
                    int[] a = new int[count];
                    from.asIntBuffer().get(a);
                    return a;
                }
                case BulkFrames.LONGS -> {
                    long[] a = new long[count];
                    from.asLongBuffer().get(a);
                    return a;
                }
                case BulkFrames.DOUBLES -> {
                    double[] a = new double[count];
                    from.asDoubleBuffer().get(a);
                    return a;
                }
                case BulkFrames.FLOATS -> {
                    float[] a = new float[count];
                    from.asFloatBuffer().get(a);
                    return a;
                }
                case BulkFrames.SHORTS -> {
                    short[] a = new short[count];
                    from.asShortBuffer().get(a);
                    return a;
                }
                default -> {
                    char[] a = new char[count];
                    from.asCharBuffer().get(a);
                    return a;
                }
            }
        }

        /**
         * Frees the file once the worker's process has exited: its pages now (it is truncated,
         * whatever still maps it: the host's mapping stays until a collection), and its name
         * while it still has one (a worker that made it and died before saying so). Results that
         * arrive later are refused. Not while the worker may still use the file: a page it
         * touches after the truncation would fault it (SIGBUS).
         */
        @Override
        public synchronized void close() {
            closed = true;
            map = null;
            try {
                if (channel != null && channel.isOpen()) {
                    channel.truncate(0);
                    channel.close();
                }
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // nothing more to free
            }
        }
    }
}
