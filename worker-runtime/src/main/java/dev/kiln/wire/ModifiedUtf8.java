package dev.kiln.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UTFDataFormatException;

/**
 * Strings as {@code DataOutput.writeUTF} writes them (a two-byte length, then modified UTF-8), and
 * numbers in big-endian order, written and read by hand on a worker's way to its first reply.
 * From JDK 21, {@code DataInputStream} and {@code DataOutputStream} read and write numbers (the
 * strings' lengths too) through {@code jdk.internal.util.ByteArray}, whose first use makes six
 * {@code VarHandle}s: about 2 ms of a JDK 25 worker's start, interpreted. The bytes are the same,
 * so a host reads them with a {@code DataInputStream}.
 */
final class ModifiedUtf8 {
    private ModifiedUtf8() {}

    /** Writes {@code s} as {@code writeUTF} does. */
    static void write(OutputStream out, String s) throws IOException {
        int n = s.length();
        int length = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            length += c >= 0x0001 && c <= 0x007f ? 1 : c <= 0x07ff ? 2 : 3;
        }
        if (length > 0xffff) {
            throw new UTFDataFormatException("a string of " + length + " bytes in modified UTF-8: at most 65535 fit");
        }
        byte[] b = new byte[2 + length];
        b[0] = (byte) (length >>> 8);
        b[1] = (byte) length;
        int p = 2;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x0001 && c <= 0x007f) {
                b[p++] = (byte) c;
            } else if (c <= 0x07ff) {
                b[p++] = (byte) (0xc0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            } else {
                b[p++] = (byte) (0xe0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        out.write(b);
    }

    /** Writes {@code v} in eight bytes, most significant first, as {@code writeLong} does. */
    static void writeLong(OutputStream out, long v) throws IOException {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (56 - 8 * i));
        }
        out.write(b);
    }

    /** Reads what {@link #write} and {@code DataOutput.writeUTF} write, from a byte array. */
    static final class Reader {
        private final byte[] bytes;
        private int pos;
        private final int end;

        Reader(byte[] bytes, int offset, int length) {
            this.bytes = bytes;
            this.pos = offset;
            this.end = offset + length;
        }

        int readUnsignedByte() throws EOFException {
            if (pos >= end) {
                throw new EOFException();
            }
            return bytes[pos++] & 0xff;
        }

        String readUtf() throws IOException {
            int length = (readUnsignedByte() << 8) | readUnsignedByte();
            if (length > end - pos) {
                throw new EOFException();
            }
            int stop = pos + length;
            char[] chars = new char[length];
            int n = 0;
            while (pos < stop) {
                int c = bytes[pos++] & 0xff;
                if (c < 0x80) {
                    chars[n++] = (char) c;
                } else if ((c & 0xe0) == 0xc0) {
                    chars[n++] = (char) (((c & 0x1f) << 6) | continuation(stop));
                } else if ((c & 0xf0) == 0xe0) {
                    int second = continuation(stop);
                    chars[n++] = (char) (((c & 0x0f) << 12) | (second << 6) | continuation(stop));
                } else {
                    throw new UTFDataFormatException("malformed input around byte " + (pos - 1));
                }
            }
            return new String(chars, 0, n);
        }

        private int continuation(int stop) throws UTFDataFormatException {
            if (pos >= stop || (bytes[pos] & 0xc0) != 0x80) {
                throw new UTFDataFormatException("malformed input: partial character at end");
            }
            return bytes[pos++] & 0x3f;
        }

        /** Bytes not read yet. */
        int remaining() {
            return end - pos;
        }
    }
}
