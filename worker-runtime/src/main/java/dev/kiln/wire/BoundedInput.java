package dev.kiln.wire;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;

/**
 * A Kryo input over one part of a frame (a value's bytes) that refuses a declared length longer than the bytes
 * left, before anything is allocated. Kryo reads a string's character count and allocates
 * for it first; its serializers for java.time read zone ids that way.
 */
final class BoundedInput extends Input {
    /** Reads {@code length} bytes of {@code frame} from {@code offset}, and no further. */
    BoundedInput(byte[] frame, int offset, int length) {
        super(frame, offset, length);
    }

    private void fits(long bytes) {
        long remaining = (long) limit - position;
        if (bytes < 0 || bytes > remaining) {
            throw new KryoException(
                    "declared length " + bytes + " does not fit the " + remaining + " bytes left in the frame");
        }
    }

    @Override
    public String readString() {
        int start = position;
        if (position < limit && (buffer[position] & 0x80) != 0) {
            int charCount =
                    readVarIntFlag(true); // 0 = null, 1 = empty, else count + 1; each char takes a byte at least
            if (charCount > 1) {
                fits(charCount - 1L);
            }
            setPosition(start);
        }
        return super.readString();
    }

    @Override
    public StringBuilder readStringBuilder() {
        int start = position;
        if (position < limit && (buffer[position] & 0x80) != 0) {
            int charCount = readVarIntFlag(true);
            if (charCount > 1) {
                fits(charCount - 1L);
            }
            setPosition(start);
        }
        return super.readStringBuilder();
    }

    @Override
    public byte[] readBytes(int length) {
        fits(length);
        return super.readBytes(length);
    }
}
