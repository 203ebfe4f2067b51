package dev.kiln.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * A named pipe's channel, read as a channel that cannot seek. A stream of a {@link FileChannel}
 * asks the channel its position and size ({@code available()}, which a {@code
 * BufferedInputStream} calls between reads; {@code readNBytes} on newer JDKs), and a pipe has
 * neither: the call fails with "Illegal seek". Reads and closing go to the channel, so closing
 * it still ends a read blocked on it.
 */
public final class PipeInput implements ReadableByteChannel {
    private final FileChannel channel;

    public PipeInput(FileChannel channel) {
        this.channel = channel;
    }

    /** A stream of {@code channel} that never asks it for a position. */
    public static InputStream stream(FileChannel channel) {
        return Channels.newInputStream(new PipeInput(channel));
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
