package dev.kiln.wire;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * Large results as raw frames. A primitive array of any element type of at least {@link
 * #THRESHOLD} bytes, or a {@code String} of at least that many chars, travels after its {@link
 * Message.BulkResult} header, which names its element type ({@link Message.BulkResult#kind()})
 * and its length. An array is one raw frame that holds its elements, little-endian (a boolean as
 * one byte, 0 or 1), and nothing else; its length is in bytes. A string's length is in chars; it
 * travels as segments ({@link BulkStrings}).
 *
 * <p>Neither side copies the value through the serializer. The sender writes from the array
 * through a buffer of {@link #CHUNK} bytes; the receiver reads through one such buffer into the
 * array it hands on, which grows with the elements that actually arrive ({@link #grown}).
 *
 * <p>The receiver checks the element type, the announced length against the frame limit and the
 * element size, and the frame that follows; any mismatch is a {@link FrameException}, which
 * closes the connection.
 */
public final class BulkFrames {
    /** Results this large or larger (in bytes; a string in chars) travel as a raw frame. */
    public static final int THRESHOLD = 64 * 1024;

    /** The buffer each side copies elements through. */
    static final int CHUNK = 256 * 1024;

    static final byte BYTES = 'B';
    static final byte BOOLEANS = 'Z';
    static final byte CHARS = 'C';
    static final byte SHORTS = 'S';
    static final byte INTS = 'I';
    static final byte LONGS = 'J';
    static final byte FLOATS = 'F';
    static final byte DOUBLES = 'D';
    /** A string: its length in the header is in chars; segments follow ({@link BulkStrings}). */
    static final byte STRING = 'T';

    static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    /**
     * The receiver's array grows four times at a step with what arrives, and straight to the
     * announced length once this share of it ({@code 1/FULL_AFTER}) has arrived: a peer makes the
     * host hold at most this many times what it sent, and a large value is copied into a growing
     * array only while it is small (a 50 MB array: 5 MB of copies instead of 21).
     */
    static final int FULL_AFTER = 16;

    private BulkFrames() {}

    /** How a value goes out: its element type ({@link Message.BulkResult#kind()}) and its length (see {@link #plan}). */
    record Plan(byte kind, long length) {}

    /** Whether {@code value} travels as a raw frame: a primitive array or string of {@link #THRESHOLD} or more. */
    public static boolean isBulk(Object value) {
        if (value instanceof String s) {
            return s.length() >= THRESHOLD;
        }
        byte kind = kindOf(value);
        return kind != 0 && (long) Array.getLength(value) * elementSize(kind) >= THRESHOLD;
    }

    private static byte kindOf(Object value) {
        return value instanceof byte[]
                ? BYTES
                : value instanceof int[]
                        ? INTS
                        : value instanceof long[]
                                ? LONGS
                                : value instanceof double[]
                                        ? DOUBLES
                                        : value instanceof float[]
                                                ? FLOATS
                                                : value instanceof short[]
                                                        ? SHORTS
                                                        : value instanceof char[]
                                                                ? CHARS
                                                                : value instanceof boolean[] ? BOOLEANS : 0;
    }

    /** The bytes one element of {@code kind} takes, or 0 when {@code kind} is none of them. */
    static int elementSize(byte kind) {
        return switch (kind) {
            case BYTES, BOOLEANS, STRING -> 1;
            case CHARS, SHORTS -> 2;
            case INTS, FLOATS -> 4;
            case LONGS, DOUBLES -> 8;
            default -> 0;
        };
    }

    /**
     * How {@code value} (for which {@link #isBulk} holds) goes out: for an array its frame's
     * length in bytes, for a string its length in chars (each char takes one or two bytes).
     */
    static Plan plan(Object value) {
        if (value instanceof String s) {
            return new Plan(STRING, s.length());
        }
        byte kind = kindOf(value);
        return new Plan(kind, (long) Array.getLength(value) * elementSize(kind));
    }

    /** A value's raw frames, ready to go out. */
    interface Frames {
        /** Writes the frames, length prefixes included; the caller flushes. */
        void writeTo(DataOutputStream out) throws IOException;
    }

    /**
     * {@code value}'s raw frames as {@code plan} says. The buffers they go through are allocated
     * now, so a heap too full for them fails here, before a byte of the reply is sent.
     */
    static Frames frames(Object value, Plan plan) {
        if (plan.kind() == STRING) {
            return BulkStrings.frames((String) value);
        }
        if (plan.kind() == BYTES) {
            return out -> {
                out.writeInt((int) plan.length());
                out.write((byte[]) value);
            };
        }
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ORDER);
        return out -> {
            out.writeInt((int) plan.length());
            int size = elementSize(plan.kind());
            int count = (int) (plan.length() / size);
            int perChunk = CHUNK / size;
            for (int off = 0; off < count; off += perChunk) {
                int n = Math.min(perChunk, count - off);
                buffer.clear();
                switch (plan.kind()) {
                    case INTS -> buffer.asIntBuffer().put((int[]) value, off, n);
                    case LONGS -> buffer.asLongBuffer().put((long[]) value, off, n);
                    case DOUBLES -> buffer.asDoubleBuffer().put((double[]) value, off, n);
                    case FLOATS -> buffer.asFloatBuffer().put((float[]) value, off, n);
                    case SHORTS -> buffer.asShortBuffer().put((short[]) value, off, n);
                    case CHARS -> buffer.asCharBuffer().put((char[]) value, off, n);
                    default -> {
                        boolean[] b = (boolean[]) value;
                        for (int i = 0; i < n; i++) {
                            buffer.put(i, (byte) (b[off + i] ? 1 : 0));
                        }
                    }
                }
                out.write(buffer.array(), 0, n * size);
            }
        };
    }

    /**
     * Reads the raw frame that follows {@code header} and returns the value it holds: the array,
     * or the string. The frame must arrive within {@code allowance} plus a second per megabyte,
     * and never stop for {@code allowance}.
     *
     * @throws FrameException for an unknown element type, a length that is negative, over
     *     {@code maxFrame} or not a whole number of elements, a frame of another length, a stream
     *     that ends first, or a frame that stalls
     */
    static Object read(DataInputStream in, Message.BulkResult header, int maxFrame, Duration allowance)
            throws IOException {
        return read(in, header, maxFrame, allowance, null);
    }

    /**
     * {@link #read(DataInputStream, Message.BulkResult, int, Duration)}, the elements of an array
     * other than {@code byte[]} and {@code boolean[]} read straight from {@code direct} (the
     * host's channel) when given: one copy of the array less.
     */
    static Object read(
            DataInputStream in, Message.BulkResult header, int maxFrame, Duration allowance, ChannelInput direct)
            throws IOException {
        int size = elementSize(header.kind());
        int length = header.length();
        if (size == 0) {
            throw new FrameException("a bulk result names an unknown element type (" + header.kind()
                    + "): the peer is not speaking this version of the Kiln protocol");
        }
        if (length < 0 || length > maxFrame) {
            throw new FrameException(
                    "a bulk result announces " + length + (header.kind() == STRING ? " chars" : " bytes")
                            + "; the maximum frame is " + maxFrame + " bytes");
        }
        if (header.kind() == STRING) {
            return BulkStrings.read(new Progress(in, 2L * length, allowance), length);
        }
        if (length % size != 0) {
            throw new FrameException("a bulk result of " + typeName(header.kind()) + " announces " + length
                    + " bytes, not a whole number of its " + size + "-byte elements");
        }
        Progress p = new Progress(in, length, allowance);
        int framed = p.prefix();
        if (framed != length) {
            throw new FrameException("a bulk result announced " + length + " bytes, its frame holds " + framed);
        }
        if (header.kind() == BYTES) {
            return p.bytes(length);
        }
        return direct != null && header.kind() != BOOLEANS
                ? p.elements(direct, header.kind(), size, length)
                : p.elements(header.kind(), size, length);
    }

    private static String typeName(byte kind) {
        return switch (kind) {
            case BYTES -> "byte[]";
            case BOOLEANS -> "boolean[]";
            case CHARS -> "char[]";
            case SHORTS -> "short[]";
            case INTS -> "int[]";
            case FLOATS -> "float[]";
            case LONGS -> "long[]";
            default -> "double[]";
        };
    }

    /**
     * A bulk result's frames arriving: at most {@code budget} bytes, within {@code allowance} plus a
     * second per megabyte of them, never stopping for {@code allowance} (the limits {@link
     * FrameCodec#read} keeps for one frame).
     */
    static final class Progress {
        private final DataInputStream in;
        private final Duration allowance;
        private final long start = System.nanoTime();
        private final long limitNanos;
        private final byte[] prefix = new byte[4];
        private long lastProgress = start;
        private long read;

        Progress(DataInputStream in, long budget, Duration allowance) {
            this.in = in;
            this.allowance = allowance;
            this.limitNanos = allowance.toNanos() + budget * 1_000; // + 1 s per MB
        }

        /** The next frame's 4-byte length prefix. */
        int prefix() throws IOException {
            exactly(prefix, 0, 4);
            read -= 4; // what the messages count is the frames' contents
            return ByteBuffer.wrap(prefix).getInt();
        }

        /** Reads exactly {@code n} bytes into {@code into} from {@code off}. */
        void exactly(byte[] into, int off, int n) throws IOException {
            for (int done = 0; done < n; ) {
                done += some(into, off + done, n - done);
            }
        }

        /** Reads at least one and at most {@code max} bytes into {@code into}, within the time limits. */
        int some(byte[] into, int off, int max) throws IOException {
            while (true) {
                int n;
                try {
                    n = in.read(into, off, max);
                } catch (SocketTimeoutException stalled) {
                    n = 0;
                }
                if (n < 0) {
                    throw new FrameException("truncated bulk result: the stream ended after " + read + " bytes of it");
                }
                long now = System.nanoTime();
                if (n > 0) {
                    read += n;
                    lastProgress = now;
                    return n;
                }
                if (now - lastProgress > allowance.toNanos()) {
                    throw new FrameException("a bulk result stalled after " + read + " bytes: nothing more arrived for "
                            + allowance.toMillis() + " ms; the connection is closed");
                }
                if (now - start > limitNanos) {
                    throw new FrameException("a bulk result was not complete after "
                            + Duration.ofNanos(limitNanos).toSeconds() + " s (" + read
                            + " bytes arrived): the peer stalled; the connection is closed");
                }
            }
        }

        /** A frame of {@code length} bytes, read straight into the array handed on (grown as bytes arrive). */
        byte[] bytes(int length) throws IOException {
            byte[] into = new byte[Math.min(length, FrameCodec.FIRST_CHUNK)];
            int done = 0;
            while (done < length) {
                if (done == into.length) {
                    into = java.util.Arrays.copyOf(into, grown(into.length, done + 1, length));
                }
                done += some(into, done, into.length - done);
            }
            return into;
        }

        /** A frame of {@code length} bytes as an array of {@code kind}, converted a chunk at a time. */
        Object elements(byte kind, int size, int length) throws IOException {
            int count = length / size;
            Object into = newArray(kind, Math.min(count, FrameCodec.FIRST_CHUNK / size));
            int done = 0;
            byte[] chunk = new byte[Math.min(CHUNK, length)];
            int filled = 0;
            for (int left = length; left > 0; ) {
                int n = some(chunk, filled, Math.min(chunk.length - filled, left));
                left -= n;
                filled += n;
                int whole = filled / size;
                if (whole == 0) {
                    continue;
                }
                into = room(into, kind, done, whole, count);
                convert(kind, chunk, whole, into, done);
                done += whole;
                filled -= whole * size;
                System.arraycopy(chunk, whole * size, chunk, 0, filled);
            }
            return into;
        }

        /**
         * {@link #elements(byte, int, int)} read from {@code source}'s channel into its direct
         * buffer, and copied from there into the array. The channel is read without a timeout: the
         * connection's {@link FrameWatch} keeps the frame's time limits and closes a stalled one.
         */
        Object elements(ChannelInput source, byte kind, int size, int length) throws IOException {
            int count = length / size;
            Object into = newArray(kind, Math.min(count, FrameCodec.FIRST_CHUNK / size));
            int done = 0;
            ByteBuffer buffer = source.buffer();
            for (int left = length; left > 0; ) {
                buffer.limit(buffer.position() + Math.min(buffer.capacity() - buffer.position(), left));
                int n = source.read(buffer);
                left -= n;
                read += n;
                buffer.flip();
                int whole = buffer.remaining() / size;
                if (whole > 0) {
                    into = room(into, kind, done, whole, count);
                    convert(kind, buffer, whole, into, done);
                    buffer.position(buffer.position() + whole * size);
                    done += whole;
                }
                buffer.compact(); // a part of an element waits for the rest
            }
            return into;
        }
    }

    /**
     * {@code into}, holding {@code done} elements, or a larger copy of it ({@link #grown}) when
     * {@code more} will not fit: of the {@code count} the frame announced.
     */
    private static Object room(Object into, byte kind, int done, int more, int count) {
        int capacity = Array.getLength(into);
        if (done + more <= capacity) {
            return into;
        }
        Object bigger = newArray(kind, grown(capacity, done + more, count));
        System.arraycopy(into, 0, bigger, 0, done);
        return bigger;
    }

    /**
     * The capacity of a receiver's array that holds {@code capacity} elements and must now hold
     * {@code needed} of the {@code length} announced (see {@link #FULL_AFTER}).
     */
    static int grown(int capacity, int needed, int length) {
        if (needed <= capacity) {
            return capacity;
        }
        return FULL_AFTER * (long) needed >= length ? length : (int) Math.min(length, Math.max(needed, 4L * capacity));
    }

    private static Object newArray(byte kind, int n) {
        return switch (kind) {
            case INTS -> new int[n];
            case LONGS -> new long[n];
            case DOUBLES -> new double[n];
            case FLOATS -> new float[n];
            case SHORTS -> new short[n];
            case CHARS -> new char[n];
            default -> new boolean[n];
        };
    }

    /** Converts the first {@code n} elements in {@code chunk} into {@code into} from index {@code at}. */
    static void convert(byte kind, byte[] chunk, int n, Object into, int at) {
        convert(kind, ByteBuffer.wrap(chunk).order(ORDER), n, into, at);
    }

    /**
     * Converts {@code n} elements from {@code b}'s position (in the wire's byte order) into
     * {@code into} from index {@code at}; {@code b}'s position does not move.
     */
    static void convert(byte kind, ByteBuffer b, int n, Object into, int at) {
        switch (kind) {
            case INTS -> b.asIntBuffer().get((int[]) into, at, n);
            case LONGS -> b.asLongBuffer().get((long[]) into, at, n);
            case DOUBLES -> b.asDoubleBuffer().get((double[]) into, at, n);
            case FLOATS -> b.asFloatBuffer().get((float[]) into, at, n);
            case SHORTS -> b.asShortBuffer().get((short[]) into, at, n);
            case CHARS -> b.asCharBuffer().get((char[]) into, at, n);
            default -> {
                boolean[] z = (boolean[]) into;
                int from = b.position();
                for (int i = 0; i < n; i++) {
                    z[at + i] = b.get(from + i) != 0;
                }
            }
        }
    }
}
