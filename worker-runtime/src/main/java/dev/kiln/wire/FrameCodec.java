package dev.kiln.wire;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * Length-prefixed frames: a 4-byte big-endian length, then that many bytes.
 * The length is checked against a maximum before anything is allocated, so a
 * corrupt or hostile length gives a {@link FrameException}, never an OutOfMemoryError.
 */
public final class FrameCodec {
    /** Default largest frame: big enough for a 50 MB array plus headroom, small enough to refuse nonsense. */
    public static final int DEFAULT_MAX_FRAME = 256 * 1024 * 1024;

    private FrameCodec() {}

    public static void write(DataOutputStream out, byte[] payload, int length, int maxFrame) throws IOException {
        if (length > maxFrame) {
            throw new FrameException("frame of " + length + " bytes exceeds the maximum of " + maxFrame + " bytes");
        }
        out.writeInt(length);
        out.write(payload, 0, length);
    }

    /**
     * Reads one frame.
     *
     * @return the payload, or null at a clean end of stream (before a frame starts)
     * @throws FrameException for a negative or oversized length, or a stream that ends inside a frame
     */
    public static byte[] read(DataInputStream in, int maxFrame) throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int length;
        try {
            length = (b0 << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
        } catch (EOFException e) {
            throw new FrameException("truncated frame: the stream ended inside the 4-byte length prefix");
        }
        if (length < 0) {
            throw new FrameException("invalid frame length " + length + ": the peer is not speaking the Kiln protocol");
        }
        if (length > maxFrame) {
            throw new FrameException("frame of " + length + " bytes exceeds the maximum of " + maxFrame
                    + " bytes; the connection is closed");
        }
        byte[] payload = new byte[length];
        int read = 0;
        while (read < length) {
            int n = in.read(payload, read, length - read);
            if (n < 0) {
                throw new FrameException(
                        "truncated frame: expected " + length + " bytes, the stream ended after " + read);
            }
            read += n;
        }
        return payload;
    }
}
