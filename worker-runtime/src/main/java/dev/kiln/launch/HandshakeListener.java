package dev.kiln.launch;

import dev.kiln.host.HandshakeWatch;
import dev.kiln.wire.Invitation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The host's side of the handshake: an ephemeral loopback listener and a random 256-bit token
 * that the worker receives on its stdin (never argv or env) and must present first thing on
 * the socket. The listener closes as soon as the worker is in.
 *
 * <p>Other local processes can connect too (the port is visible to every user of the
 * machine); they must never keep the real worker out. The host's thread that waits for the
 * worker ({@link #acceptUntil}) reads every unauthenticated connection at once through a selector,
 * without blocking on any: the worker's token is read as soon as it arrives, however many silent or
 * slow clients are connected. A client gets
 * {@link #TOKEN_DEADLINE_MS} to present the token; at most {@link #MAX_UNAUTHENTICATED} are
 * held, and past that the one held longest is dropped (the worker, which sends its token at
 * once, is never the oldest for long). Wrong tokens are closed at once.
 */
public final class HandshakeListener implements HandshakeWatch {
    /** How long an accepted client has to present the token. */
    static final int TOKEN_DEADLINE_MS = 3_000;
    /** Unauthenticated connections held at once; past that, the oldest is dropped. */
    static final int MAX_UNAUTHENTICATED = 256;
    /** The longest one wait for the selector lasts: token deadlines are checked at least this often. */
    private static final long SELECT_MS = 250;

    /** A connection that has not presented the token yet. */
    private static final class Pending {
        final SocketChannel channel;
        final ByteBuffer got;
        final long deadline;

        Pending(SocketChannel channel, int proofLength) {
            this.channel = channel;
            this.got = ByteBuffer.allocate(proofLength);
            this.deadline = System.nanoTime() + TOKEN_DEADLINE_MS * 1_000_000L;
        }
    }

    private final ServerSocketChannel server;
    private final Selector selector;
    private final byte[] token;
    private final byte[] proof;
    private final CompletableFuture<Socket> accepted = new CompletableFuture<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    /** Unauthenticated connections, oldest first; touched by the accepting thread only. */
    private final Map<SocketChannel, Pending> pending = new LinkedHashMap<>();

    private final String doorbellName;
    private volatile boolean closed;

    public HandshakeListener() throws IOException {
        HandshakeSecret secret = HandshakeSecret.fresh();
        token = secret.token();
        doorbellName = secret.doorbellName();
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.configureBlocking(false);
        selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
        proof = invitation().proof();
    }

    /** What the worker reads from its stdin: address, port, token, and its interrupt doorbell's name. */
    public Invitation invitation() {
        InetSocketAddress local = (InetSocketAddress) server.socket().getLocalSocketAddress();
        return new Invitation(local.getAddress().getHostAddress(), local.getPort(), token, doorbellName);
    }

    /** A random name for the worker's OS interrupt doorbell (the Windows event name). */
    public String doorbellName() {
        return doorbellName;
    }

    public int port() {
        return server.socket().getLocalPort();
    }

    /** Completes with the authenticated socket of the worker (in blocking mode). */
    public CompletableFuture<Socket> accepted() {
        return accepted;
    }

    /** How many clients were turned away so far: wrong tokens, deadlines passed, and dropped ones. */
    public int refusedCount() {
        return refused.get();
    }

    /**
     * Why a worker that did not get in may have failed: non-empty when other clients were
     * turned away meanwhile (someone else is connecting to the listener).
     */
    @Override
    public String interference() {
        int n = refused.get();
        if (n == 0) {
            return "";
        }
        return n + " other connection" + (n == 1 ? "" : "s")
                + " to the worker's handshake port presented no valid token"
                + (dropped.get() > 0 ? " (" + dropped.get() + " dropped for crowding)" : "")
                + "; another process on this machine is connecting to it";
    }

    /**
     * Accepts in the calling thread until the worker is in, the listener is closed, or {@code
     * deadlineNanos} ({@link System#nanoTime()}) has passed: the host's thread that waits for the
     * worker does it, so a worker's start costs no thread of the listener's own. On the way out the
     * listener is closed, with every connection that presented no valid token.
     */
    @Override
    public void acceptUntil(long deadlineNanos) {
        try {
            while (!closed && !accepted.isDone()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                selector.select(Math.max(1, Math.min(SELECT_MS, left / 1_000_000)));
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        acceptAll();
                    } else if (key.isReadable()) {
                        read(key);
                    }
                }
                expire();
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) { // closing from another thread ends the wait through the selector's closing
                accepted.completeExceptionally(e);
            }
        } finally {
            close();
            for (SocketChannel c : List.copyOf(pending.keySet())) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
            pending.clear();
        }
    }

    private void acceptAll() throws IOException {
        SocketChannel c;
        while ((c = server.accept()) != null) {
            c.configureBlocking(false);
            c.register(selector, SelectionKey.OP_READ);
            pending.put(c, new Pending(c, proof.length));
            if (pending.size() > MAX_UNAUTHENTICATED) {
                Pending oldest = pending.values().iterator().next();
                dropped.incrementAndGet();
                refuse(oldest.channel);
            }
        }
    }

    private void read(SelectionKey key) {
        SocketChannel c = (SocketChannel) key.channel();
        Pending p = pending.get(c);
        if (p == null) {
            return;
        }
        int n;
        try {
            n = c.read(p.got);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            refuse(c);
            return;
        }
        if (p.got.hasRemaining()) {
            return; // more to come, within the deadline
        }
        if (!MessageDigest.isEqual(p.got.array(), proof)) {
            refuse(c);
            return;
        }
        pending.remove(c);
        key.cancel();
        try {
            selector.selectNow(); // lets the cancelled key go, so the channel can block again
            c.configureBlocking(true);
            Socket s = c.socket();
            s.setTcpNoDelay(true);
            accepted.complete(s);
        } catch (IOException e) {
            refuse(c);
        }
    }

    private void expire() {
        long now = System.nanoTime();
        List<SocketChannel> late = new ArrayList<>();
        for (Pending p : pending.values()) {
            if (now - p.deadline > 0) {
                late.add(p.channel);
            } else {
                break; // oldest first: the rest are younger
            }
        }
        late.forEach(this::refuse);
    }

    private void refuse(SocketChannel c) {
        pending.remove(c);
        refused.incrementAndGet();
        try {
            c.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Stops listening; unauthenticated connections are closed. An accepted worker socket stays open. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        try {
            // Ends an accepting thread's wait at once (its loop then closes what is left), and frees the
            // selector of a listener nobody accepts on (a launch abandoned before the worker was waited for).
            selector.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** False once the worker is in, or the listener was closed. */
    public boolean isListening() {
        return !accepted.isDone() && !closed && server.isOpen();
    }
}
