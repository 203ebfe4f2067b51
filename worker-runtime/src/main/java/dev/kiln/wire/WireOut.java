package dev.kiln.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One encoded message: a buffer that grows as fields are written, never past the largest frame.
 * Integers are big-endian and of fixed width; a string is its UTF-8 byte count and bytes; a
 * count or length of -1 stands for null. {@link #getBuffer()} up to {@link #position()} is the
 * frame's payload.
 */
public final class WireOut {
    /** The message's type, named only when it is too large (its simple name is not free per message). */
    private final Class<?> message;

    private final int maxFrame;
    private byte[] buffer;
    private int position;

    WireOut(Class<?> message, long sizeHint, int maxFrame) {
        this.message = message;
        this.maxFrame = maxFrame;
        this.buffer = new byte[(int) Math.max(16, Math.min(maxFrame, 64 + sizeHint))];
    }

    /** The buffer that holds the encoded message, from index 0 to {@link #position()}. */
    public byte[] getBuffer() {
        return buffer;
    }

    /** How many bytes of {@link #getBuffer()} the message takes. */
    public int position() {
        return position;
    }

    /** Bytes that may still be written before the message exceeds the largest frame. */
    int room() {
        return maxFrame - position;
    }

    /** Why this message cannot be sent: it does not fit a frame. */
    FrameException tooLarge() {
        return new FrameException(
                "message " + message.getSimpleName() + " is larger than the maximum frame of " + maxFrame + " bytes");
    }

    private void ensure(long bytes) throws FrameException {
        long needed = position + bytes;
        if (needed > maxFrame) {
            throw tooLarge();
        }
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(maxFrame, Math.max(needed, 2L * buffer.length)));
        }
    }

    void writeByte(int b) throws FrameException {
        ensure(1);
        buffer[position++] = (byte) b;
    }

    void writeBoolean(boolean b) throws FrameException {
        writeByte(b ? 1 : 0);
    }

    void writeShort(int v) throws FrameException {
        ensure(2);
        buffer[position++] = (byte) (v >>> 8);
        buffer[position++] = (byte) v;
    }

    void writeInt(int v) throws FrameException {
        ensure(4);
        putInt(v);
    }

    private void putInt(int v) {
        buffer[position++] = (byte) (v >>> 24);
        buffer[position++] = (byte) (v >>> 16);
        buffer[position++] = (byte) (v >>> 8);
        buffer[position++] = (byte) v;
    }

    void writeLong(long v) throws FrameException {
        ensure(8);
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    /** Raw bytes, with no length before them. */
    void writeRaw(byte[] bytes, int offset, int length) throws FrameException {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, position, length);
        position += length;
    }

    /**
     * A string: its UTF-8 byte count and bytes; -1 for null. A string with a surrogate in it is
     * written as {@code -2 - chars} and its UTF-16 chars instead, two bytes each, since UTF-8 would
     * turn an unpaired one into '?': every string arrives char for char.
     */
    void writeString(String s) throws FrameException {
        if (s == null) {
            writeInt(-1);
            return;
        }
        if (hasSurrogate(s)) {
            writeInt(-2 - s.length());
            for (int i = 0; i < s.length(); i++) {
                writeShort(s.charAt(i));
            }
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeInt(b.length);
        writeRaw(b, 0, b.length);
    }

    private static boolean hasSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    void writeBytes(byte[] b) throws FrameException {
        if (b == null) {
            writeInt(-1);
            return;
        }
        writeInt(b.length);
        writeRaw(b, 0, b.length);
    }

    void writeStrings(String[] a) throws FrameException {
        if (a == null) {
            writeInt(-1);
            return;
        }
        writeInt(a.length);
        for (String s : a) {
            writeString(s);
        }
    }

    void writeLongs(long[] a) throws FrameException {
        if (a == null) {
            writeInt(-1);
            return;
        }
        writeInt(a.length);
        ensure(8L * a.length);
        for (long v : a) {
            putInt((int) (v >>> 32));
            putInt((int) v);
        }
    }

    /** An enum constant as one byte: its ordinal, or -1 for null. */
    void writeEnum(Enum<?> e) throws FrameException {
        writeByte(e == null ? -1 : e.ordinal());
    }

    /** Whether a nested record follows (1) or it is null (0). */
    boolean writePresence(Object o) throws FrameException {
        writeByte(o == null ? 0 : 1);
        return o != null;
    }
}
