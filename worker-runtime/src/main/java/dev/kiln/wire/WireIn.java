package dev.kiln.wire;

import java.nio.charset.StandardCharsets;

/**
 * Reads one frame's payload as {@link WireOut} wrote it. Every declared length or count is
 * checked against the bytes left in the frame before anything is allocated for it, and every
 * read past the frame's end is refused: bad bytes give a {@link FrameException} naming the
 * field, never another exception or a large allocation.
 */
final class WireIn {
    private final byte[] frame;
    private int position;

    WireIn(byte[] frame) {
        this.frame = frame;
    }

    int position() {
        return position;
    }

    int remaining() {
        return frame.length - position;
    }

    byte[] frame() {
        return frame;
    }

    private void need(long bytes, String field) throws FrameException {
        if (bytes > remaining()) {
            throw new FrameException("malformed message: " + field + " needs " + bytes + " bytes, the frame has "
                    + remaining() + " left");
        }
    }

    void skip(int bytes, String field) throws FrameException {
        need(bytes, field);
        position += bytes;
    }

    byte readByte(String field) throws FrameException {
        need(1, field);
        return frame[position++];
    }

    boolean readBoolean(String field) throws FrameException {
        byte b = readByte(field);
        if (b != 0 && b != 1) {
            throw new FrameException("malformed message: " + field + " is a boolean, but its byte is " + b);
        }
        return b == 1;
    }

    short readShort(String field) throws FrameException {
        need(2, field);
        int v = ((frame[position] & 0xff) << 8) | (frame[position + 1] & 0xff);
        position += 2;
        return (short) v;
    }

    int readInt(String field) throws FrameException {
        need(4, field);
        return getInt();
    }

    private int getInt() {
        int v = ((frame[position] & 0xff) << 24)
                | ((frame[position + 1] & 0xff) << 16)
                | ((frame[position + 2] & 0xff) << 8)
                | (frame[position + 3] & 0xff);
        position += 4;
        return v;
    }

    long readLong(String field) throws FrameException {
        need(8, field);
        return getLong();
    }

    private long getLong() {
        long high = getInt();
        return (high << 32) | (getInt() & 0xffffffffL);
    }

    /**
     * A count of elements, or -1 for null; the frame must hold at least {@code minBytesEach}
     * bytes for each.
     */
    int readCount(String field, int minBytesEach) throws FrameException {
        return count(readInt(field), field, minBytesEach);
    }

    private int count(int n, String field, int minBytesEach) throws FrameException {
        if (n < -1) {
            throw new FrameException("malformed message: " + field + " declares a negative length, " + n);
        }
        if ((long) n * minBytesEach > remaining()) {
            throw new FrameException("malformed message: " + field + " declares " + n + " elements of at least "
                    + minBytesEach + " bytes; the frame has " + remaining() + " bytes left");
        }
        return n;
    }

    /** A string as {@code WireOut.writeString} writes it: UTF-8, or UTF-16 chars when it holds a surrogate. */
    String readString(String field) throws FrameException {
        int n = readInt(field);
        if (n < -1) {
            long chars = -(n + 2L);
            if (2 * chars > remaining()) {
                throw new FrameException("malformed message: " + field + " declares " + chars
                        + " UTF-16 chars; the frame has " + remaining() + " bytes left");
            }
            char[] c = new char[(int) chars];
            for (int i = 0; i < c.length; i++) {
                c[i] = (char) readShort(field);
            }
            return new String(c);
        }
        n = count(n, field, 1);
        if (n < 0) {
            return null;
        }
        String s = new String(frame, position, n, StandardCharsets.UTF_8);
        position += n;
        return s;
    }

    byte[] readBytes(String field) throws FrameException {
        int n = readCount(field, 1);
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        System.arraycopy(frame, position, b, 0, n);
        position += n;
        return b;
    }

    String[] readStrings(String field) throws FrameException {
        int n = readCount(field, 4);
        if (n < 0) {
            return null;
        }
        String[] a = new String[n];
        for (int i = 0; i < n; i++) {
            a[i] = readString(field);
        }
        return a;
    }

    long[] readLongs(String field) throws FrameException {
        int n = readCount(field, 8);
        if (n < 0) {
            return null;
        }
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = getLong();
        }
        return a;
    }

    /** An enum constant written by {@link WireOut#writeEnum}: one of {@code constants}, or null. */
    <E extends Enum<E>> E readEnum(E[] constants, String field) throws FrameException {
        int ordinal = readByte(field);
        if (ordinal == -1) {
            return null;
        }
        if (ordinal < 0 || ordinal >= constants.length) {
            throw new FrameException(
                    "malformed message: " + field + " names constant " + ordinal + " of " + constants.length);
        }
        return constants[ordinal];
    }

    /** Whether a nested record follows, as {@link WireOut#writePresence} wrote it. */
    boolean readPresence(String field) throws FrameException {
        return readBoolean(field);
    }
}
