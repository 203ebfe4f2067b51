package dev.kiln.launch;

import dev.kiln.wire.Invitation;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The host's side of the handshake: an ephemeral loopback listener and a random
 * 256-bit token that the worker receives on its stdin (never argv or env) and must
 * present first thing on the socket. Connections without the token are closed;
 * they never block the real worker (each is checked on its own thread, with a
 * deadline), and the listener closes as soon as the worker is in.
 */
public final class HandshakeListener implements AutoCloseable {
    /** How long an accepted client has to present the token. */
    static final int TOKEN_DEADLINE_MS = 3_000;
    /** Clients being checked at once; more are refused outright. */
    static final int MAX_PENDING_CHECKS = 32;

    /** A holder, so a worker that reads {@link #MAGIC} does not pay for seeding a SecureRandom. */
    private static final class Random {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    private final ServerSocket server;
    private final byte[] token = new byte[Invitation.TOKEN_BYTES];
    private final CompletableFuture<Socket> accepted = new CompletableFuture<>();
    private final Semaphore checks = new Semaphore(MAX_PENDING_CHECKS);
    private final AtomicInteger refused = new AtomicInteger();
    private final String name;
    private final String doorbellName;

    public HandshakeListener(String name) throws IOException {
        this.name = name;
        Random.INSTANCE.nextBytes(token);
        byte[] nonce = new byte[8];
        Random.INSTANCE.nextBytes(nonce);
        doorbellName = HexFormat.of().formatHex(nonce);
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        dev.kiln.concurrent.KilnThreads.start(this::acceptLoop, "kiln-accept-" + name);
    }

    /** What the worker reads from its stdin: address, port, token, and its interrupt doorbell's name. */
    public Invitation invitation() {
        return new Invitation(server.getInetAddress().getHostAddress(), server.getLocalPort(), token, doorbellName);
    }

    /** A random name for the worker's OS interrupt doorbell (the Windows event name). */
    public String doorbellName() {
        return doorbellName;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Completes with the authenticated socket of the worker. */
    public CompletableFuture<Socket> accepted() {
        return accepted;
    }

    /** How many clients were turned away so far. */
    public int refusedCount() {
        return refused.get();
    }

    private void acceptLoop() {
        while (!accepted.isDone() && !server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                break;
            }
            if (!checks.tryAcquire()) {
                refuse(s);
                continue;
            }
            dev.kiln.concurrent.KilnThreads.start(
                    () -> {
                        try {
                            check(s);
                        } finally {
                            checks.release();
                        }
                    },
                    "kiln-handshake-" + name);
        }
    }

    private void check(Socket s) {
        try {
            s.setSoTimeout(TOKEN_DEADLINE_MS);
            long deadline = System.nanoTime() + TOKEN_DEADLINE_MS * 1_000_000L;
            byte[] expected = invitation().proof();
            byte[] got = readFully(s.getInputStream(), expected.length, deadline);
            if (got != null && MessageDigest.isEqual(got, expected)) {
                s.setSoTimeout(0);
                s.setTcpNoDelay(true);
                close(); // before completing: whoever sees the worker accepted also sees the listener closed
                if (accepted.complete(s)) {
                    return;
                }
            }
        } catch (IOException e) {
            // fall through: refused
        }
        refuse(s);
    }

    /** Reads exactly n bytes before the deadline, or returns null (a slow client gets no more time). */
    private static byte[] readFully(InputStream in, int n, long deadlineNanos) throws IOException {
        byte[] buf = new byte[n];
        DataInputStream din = new DataInputStream(in);
        int off = 0;
        while (off < n) {
            if (System.nanoTime() > deadlineNanos) {
                return null;
            }
            int r;
            try {
                r = din.read(buf, off, n - off);
            } catch (SocketTimeoutException e) {
                return null;
            }
            if (r < 0) {
                return null;
            }
            off += r;
        }
        return buf;
    }

    private void refuse(Socket s) {
        refused.incrementAndGet();
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Stops listening. An already accepted worker socket stays open. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    public boolean isListening() {
        return !server.isClosed();
    }
}
