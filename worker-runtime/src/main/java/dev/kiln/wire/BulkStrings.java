package dev.kiln.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Large strings as raw frames: after a {@link Message.BulkResult} of kind {@link
 * BulkFrames#STRING}, whose length is the string's length in chars, come segments, each a raw
 * frame of a tag byte and up to {@link BulkFrames#CHUNK} chars: {@link #LATIN1} when they are all
 * Latin-1 (one byte a char), else {@link #UTF16} (two bytes a char, little-endian). Each chunk is
 * looked at once, as it is sent, so nothing is copied or scanned ahead; ASCII and Latin-1 text,
 * the common case, takes one byte a char, and every string arrives char for char as it was
 * (unpaired surrogates included).
 */
final class BulkStrings {
    static final byte LATIN1 = 'L';
    static final byte UTF16 = 'U';

    private BulkStrings() {}

    /** The class of the chars of a string the JDK holds a byte a char (JDK 9 and later, compact strings on). */
    private static final String LATIN1_CHARS = "java.lang.StringLatin1$CharsSpliterator";

    /**
     * Whether the JDK holds {@code s} a byte a char, so that every char of it is Latin-1, known
     * without looking at its chars: {@code String.chars()} is made by a class of the string's
     * encoding. False when that cannot be told (compact strings off, another JDK's classes): then
     * each chunk is checked.
     */
    static boolean heldAsLatin1(String s) {
        return LATIN1_CHARS.equals(s.chars().spliterator().getClass().getName());
    }

    /** {@code s} as segments, through buffers allocated now (see {@link BulkFrames#frames}). */
    static BulkFrames.Frames frames(String s) {
        Chunk chunk = new Chunk();
        boolean latin1Held = heldAsLatin1(s);
        return out -> {
            for (int off = 0; off < s.length(); off += BulkFrames.CHUNK) {
                int n = Math.min(BulkFrames.CHUNK, s.length() - off);
                // A string held as Latin-1 gives its bytes with one copy a chunk; another is checked chunk by chunk.
                byte[] latin1 = latin1Held ? chunk.heldLatin1(s, off, n) : chunk.latin1(s, off, n);
                if (latin1 != null) {
                    out.writeInt(1 + n);
                    out.writeByte(LATIN1);
                    out.write(latin1, 0, n);
                } else {
                    ByteBuffer utf16 = chunk.utf16(n);
                    out.writeInt(1 + 2 * n);
                    out.writeByte(UTF16);
                    out.write(utf16.array(), 0, 2 * n);
                }
            }
        };
    }

    /** One chunk of a string on its way out, through buffers reused from chunk to chunk. */
    private static final class Chunk {
        private final byte[] bytes = new byte[BulkFrames.CHUNK];
        private final char[] chars = new char[BulkFrames.CHUNK];
        private final ByteBuffer utf16 =
                ByteBuffer.allocate(2 * BulkFrames.CHUNK).order(BulkFrames.ORDER);
        private String sub;

        /**
         * The {@code n} chars of {@code s} from {@code off} as Latin-1 bytes, or null when one is not
         * Latin-1. Copies of the chunk do the work, not a loop over its chars: {@code substring} of a
         * Latin-1 string copies its bytes, {@code getBytes(int, int, byte[], int)} copies the low
         * byte of each char, and the chunk is Latin-1 exactly when the string of those bytes equals
         * it ({@code String.equals}, a vectorized comparison).
         */
        @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int): the low byte of each char is what is wanted
        byte[] latin1(String s, int off, int n) {
            sub = s.substring(off, off + n);
            sub.getBytes(0, n, bytes, 0);
            return sub.equals(new String(bytes, 0, n, StandardCharsets.ISO_8859_1)) ? bytes : null;
        }

        /** The {@code n} chars of {@code s} from {@code off}, a string {@link #heldAsLatin1}, as its bytes. */
        @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int): of a Latin-1 string, a copy of its bytes
        byte[] heldLatin1(String s, int off, int n) {
            s.getBytes(off, off + n, bytes, 0);
            return bytes;
        }

        /** The chars {@link #latin1} last looked at, as UTF-16. */
        ByteBuffer utf16(int n) {
            sub.getChars(0, n, chars, 0);
            utf16.clear();
            utf16.asCharBuffer().put(chars, 0, n);
            return utf16;
        }
    }

    /**
     * Reads the segments of a string of {@code length} chars and returns it. Latin-1 segments
     * land in a byte array, until a UTF-16 one turns it into chars; either grows with the chars
     * that arrive (see {@link BulkFrames#FULL_AFTER}), and the string is built from it with one copy.
     *
     * @throws FrameException for a segment that is empty, holds more than {@link BulkFrames#CHUNK}
     *     chars or more than are still due, has an unknown tag or an odd number of UTF-16 bytes,
     *     or arrives too late
     */
    static String read(BulkFrames.Progress p, int length) throws IOException {
        byte[] latin1 = new byte[Math.min(length, FrameCodec.FIRST_CHUNK)];
        char[] chars = null;
        byte[] segment = null;
        byte[] tag = new byte[1];
        int done = 0;
        while (done < length) {
            int framed = p.prefix();
            if (framed < 2) {
                throw new FrameException("a bulk string's segment of " + framed + " bytes holds no chars");
            }
            p.exactly(tag, 0, 1);
            boolean wide = tag[0] == UTF16;
            if (!wide && tag[0] != LATIN1) {
                throw new FrameException("a bulk string's segment has an unknown encoding (" + tag[0]
                        + "): the peer is not speaking this version of the Kiln protocol");
            }
            int bytes = framed - 1;
            if (wide && bytes % 2 != 0) {
                throw new FrameException(
                        "a bulk string's UTF-16 segment holds " + bytes + " bytes, not a whole number of 2-byte chars");
            }
            int n = wide ? bytes / 2 : bytes;
            if (n > BulkFrames.CHUNK) {
                throw new FrameException(
                        "a bulk string's segment holds " + n + " chars; a segment holds at most " + BulkFrames.CHUNK);
            }
            if (n > length - done) {
                throw new FrameException("a bulk string of " + length + " chars has a segment of " + n + " chars after "
                        + done + ": more than it announced");
            }
            int capacity = chars != null ? chars.length : latin1.length;
            int grown = BulkFrames.grown(capacity, done + n, length);
            if (chars == null && !wide) {
                if (grown > capacity) {
                    latin1 = Arrays.copyOf(latin1, grown);
                }
                p.exactly(latin1, done, n);
            } else {
                if (chars == null || grown > capacity) {
                    char[] bigger = new char[grown];
                    if (chars == null) {
                        for (int i = 0; i < done; i++) {
                            bigger[i] = (char) (latin1[i] & 0xff);
                        }
                        latin1 = null;
                    } else {
                        System.arraycopy(chars, 0, bigger, 0, done);
                    }
                    chars = bigger;
                }
                if (segment == null) {
                    segment = new byte[2 * BulkFrames.CHUNK];
                }
                p.exactly(segment, 0, bytes);
                if (wide) {
                    ByteBuffer.wrap(segment, 0, bytes)
                            .order(BulkFrames.ORDER)
                            .asCharBuffer()
                            .get(chars, done, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        chars[done + i] = (char) (segment[i] & 0xff);
                    }
                }
            }
            done += n;
        }
        return chars == null
                ? new String(latin1, 0, length, StandardCharsets.ISO_8859_1)
                : new String(chars, 0, length);
    }
}
