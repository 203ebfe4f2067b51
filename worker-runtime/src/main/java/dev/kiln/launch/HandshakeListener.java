package dev.kiln.launch;

import dev.kiln.concurrent.KilnThreads;
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
import java.util.HexFormat;
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
 * machine); they must never keep the real worker out. One selector thread reads every
 * unauthenticated connection at once, without blocking on any: the worker's token is read as
 * soon as it arrives, however many silent or slow clients are connected. A client gets
 * {@link #TOKEN_DEADLINE_MS} to present the token; at most {@link #MAX_UNAUTHENTICATED} are
 * held, and past that the one held longest is dropped (the worker, which sends its token at
 * once, is never the oldest for long). Wrong tokens are closed at once.
 */
public final class HandshakeListener implements HandshakeWatch {
    /** How long an accepted client has to present the token. */
    static final int TOKEN_DEADLINE_MS = 3_000;
    /** Unauthenticated connections held at once; past that, the oldest is dropped. */
    static final int MAX_UNAUTHENTICATED = 256;

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
    private final byte[] token = new byte[Invitation.TOKEN_BYTES];
    private final byte[] proof;
    private final CompletableFuture<Socket> accepted = new CompletableFuture<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    /** Unauthenticated connections, oldest first; touched by the selector thread only. */
    private final Map<SocketChannel, Pending> pending = new LinkedHashMap<>();

    private final String doorbellName;
    private volatile boolean closed;

    public HandshakeListener(String name) throws IOException {
        RandomBytes.fill(token);
        byte[] nonce = new byte[8];
        RandomBytes.fill(nonce);
        doorbellName = HexFormat.of().formatHex(nonce);
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.configureBlocking(false);
        selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
        proof = invitation().proof();
        KilnThreads.start(this::selectLoop, "kiln-accept-" + name);
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

    private void selectLoop() {
        try {
            while (!closed && !accepted.isDone()) {
                selector.select(250);
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
            accepted.completeExceptionally(e);
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
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing
            }
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
        selector.wakeup(); // the select loop ends and closes what is left
    }

    /** False once the worker is in, or the listener was closed. */
    public boolean isListening() {
        return !accepted.isDone() && !closed && server.isOpen();
    }
}
