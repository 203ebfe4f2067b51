package dev.kiln.host;

import dev.kiln.wire.Connection;
import dev.kiln.wire.WorkerHello;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * A launched worker's way to its host: a loopback socket that presented the worker's token, or a
 * pair of named pipes. The host reads the worker's hello from it, then makes its {@link
 * Connection} over it.
 */
public interface WorkerLine {
    /**
     * Reads the worker's hello, waiting until {@code deadlineNanos} ({@link System#nanoTime()}) at
     * most.
     *
     * @throws TimeoutException when the deadline passed first
     * @throws IOException      when the line ended or broke first, or what came was no hello
     */
    WorkerHello readHello(long deadlineNanos) throws IOException, TimeoutException;

    /** The connection over this line, once its hello was read. */
    Connection connection(String name, int maxFrame) throws IOException;

    /** Closes the line for good, for a worker whose start failed. */
    void abandon();

    /** A socket that presented the worker's token (the listener read it): the hello comes next. */
    static WorkerLine of(Socket socket) {
        return new SocketLine(socket);
    }

    /** The hello on a socket, read with a read timeout; then the connection over it. */
    final class SocketLine implements WorkerLine {
        private final Socket socket;

        SocketLine(Socket socket) {
            this.socket = socket;
        }

        @Override
        public WorkerHello readHello(long deadlineNanos) throws IOException, TimeoutException {
            long ms = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
            try {
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, ms));
                WorkerHello hello = WorkerHello.read(new DataInputStream(socket.getInputStream()));
                socket.setSoTimeout(0);
                return hello;
            } catch (SocketTimeoutException e) {
                throw new TimeoutException("no hello");
            }
        }

        @Override
        public Connection connection(String name, int maxFrame) throws IOException {
            return new Connection(socket, name, maxFrame);
        }

        @Override
        public void abandon() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a worker that did not start
            }
        }
    }
}
