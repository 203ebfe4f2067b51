package dev.kiln.wire;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A channel's socket streams, read and written at most {@link #MAX} bytes at a time. The socket of
 * a {@link java.nio.channels.SocketChannel} (the host's side of every connection) copies each read
 * and write through a temporary direct buffer as large as the request, which the thread then keeps:
 * reading a large result in requests as large as what was left of it gave each worker's reader
 * thread a native buffer of tens of megabytes, into which the kernel put megabytes at a time that
 * were then copied again from memory instead of from cache (50 MB results arrived 10-20% slower).
 * A plain socket's streams split their requests at 128 KB themselves.
 */
final class ChannelChunks {
    /** The most one read or write asks of the socket: what a plain socket asks at most. */
    static final int MAX = 128 * 1024;

    private ChannelChunks() {}

    static InputStream input(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return in.read(b, off, Math.min(len, MAX));
            }
        };
    }

    static OutputStream output(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                Objects.checkFromIndexSize(off, len, b.length);
                for (int done = 0; done < len; ) {
                    int n = Math.min(MAX, len - done);
                    out.write(b, off + done, n);
                    done += n;
                }
            }
        };
    }
}
