package dev.kiln.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.wire.Invitation;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Only a client with the token gets in; rogues never block it. */
class HandshakeTest {
    @Test
    void rogueClientsAreRefusedAndTheRealWorkerStillConnects() throws Exception {
        try (HandshakeListener hs = new HandshakeListener()) {
            accepting(hs);
            Invitation inv = hs.invitation();
            int port = inv.port();
            byte[] token = inv.token();

            List<Socket> rogues = new ArrayList<>();
            // no token at all, silent (slow) client
            rogues.add(new Socket(InetAddress.getLoopbackAddress(), port));
            // wrong token of the right length
            Socket wrong = new Socket(InetAddress.getLoopbackAddress(), port);
            byte[] bad = new byte[Invitation.MAGIC.length + Invitation.TOKEN_BYTES];
            System.arraycopy(Invitation.MAGIC, 0, bad, 0, 4);
            wrong.getOutputStream().write(bad);
            wrong.getOutputStream().write("then some frames that must never run".getBytes(StandardCharsets.UTF_8));
            rogues.add(wrong);
            // garbage
            Socket garbage = new Socket(InetAddress.getLoopbackAddress(), port);
            garbage.getOutputStream()
                    .write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".repeat(2).getBytes(StandardCharsets.UTF_8));
            rogues.add(garbage);
            // many at once
            for (int i = 0; i < 20; i++) {
                rogues.add(new Socket(InetAddress.getLoopbackAddress(), port));
            }

            // The real worker gets in while the rogues are still connected.
            Socket real = new Socket(InetAddress.getLoopbackAddress(), port);
            OutputStream out = real.getOutputStream();
            out.write(Invitation.MAGIC);
            out.write(token);
            out.flush();
            Socket accepted = hs.accepted().get(5, TimeUnit.SECONDS);
            assertThat(accepted.getPort()).isEqualTo(real.getLocalPort());
            assertThat(hs.isListening())
                    .as("the listener closes once the worker is in")
                    .isFalse();

            // The wrong-token client is closed by the host (EOF), not served.
            assertThat(readsEof(wrong)).isTrue();
            assertThat(readsEof(garbage)).isTrue();
            for (Socket s : rogues) {
                s.close();
            }
            real.close();
            accepted.close();
        }
    }

    @Test
    void aSlowClientIsCutOffAtTheDeadlineWithoutDelayingTheWorker() throws Exception {
        try (HandshakeListener hs = new HandshakeListener()) {
            accepting(hs);
            Invitation inv = hs.invitation();
            int port = inv.port();
            byte[] token = inv.token();
            Socket slow = new Socket(InetAddress.getLoopbackAddress(), port);
            long t0 = System.nanoTime();
            // Dribbles the right magic one byte every 100 ms: it would need 3.6 s for the whole handshake.
            Thread dribbler = new Thread(() -> {
                try {
                    OutputStream out = slow.getOutputStream();
                    for (int i = 0; i < 36; i++) {
                        out.write(i < 4 ? Invitation.MAGIC[i] : 0);
                        out.flush();
                        Thread.sleep(100); // the pace of the slow client under test
                    }
                } catch (Exception ignored) {
                    // cut off by the host
                }
            });
            dribbler.start();
            Socket real = new Socket(InetAddress.getLoopbackAddress(), port);
            real.getOutputStream().write(Invitation.MAGIC);
            real.getOutputStream().write(token);
            Socket accepted = hs.accepted().get(5, TimeUnit.SECONDS);
            assertThat(accepted.getPort()).isEqualTo(real.getLocalPort());
            assertThat((System.nanoTime() - t0) / 1_000_000)
                    .as("the worker got in before the slow client's deadline")
                    .isLessThan(HandshakeListener.TOKEN_DEADLINE_MS);
            assertThat(readsEof(slow)).as("the slow client is closed").isTrue();
            assertThat((System.nanoTime() - t0) / 1_000_000)
                    .as("within the token deadline")
                    .isLessThan(HandshakeListener.TOKEN_DEADLINE_MS + 1_500);
            dribbler.join(10_000);
            slow.close();
            real.close();
            accepted.close();
        }
    }

    @Test
    void aFloodOfSilentClientsCannotKeepTheWorkerOut() throws Exception {
        try (HandshakeListener hs = new HandshakeListener()) {
            accepting(hs);
            Invitation inv = hs.invitation();
            List<Socket> flood = new ArrayList<>();
            try {
                // More silent clients than the listener holds, all connected before the worker.
                for (int i = 0; i < HandshakeListener.MAX_UNAUTHENTICATED + 44; i++) {
                    flood.add(new Socket(InetAddress.getLoopbackAddress(), inv.port()));
                }
                Socket real = new Socket(InetAddress.getLoopbackAddress(), inv.port());
                real.getOutputStream().write(inv.proof());
                real.getOutputStream().flush();
                Socket accepted = hs.accepted().get(10, TimeUnit.SECONDS);
                assertThat(accepted.getPort()).isEqualTo(real.getLocalPort());
                assertThat(hs.interference()).contains("other connections").contains("no valid token");
                real.close();
                accepted.close();
            } finally {
                for (Socket s : flood) {
                    s.close();
                }
            }
        }
    }

    @Test
    void theAcceptingThreadReturnsAtItsDeadlineOrOnceTheListenerIsClosed() throws Exception {
        try (HandshakeListener hs = new HandshakeListener()) {
            long t0 = System.nanoTime();
            hs.acceptUntil(t0 + TimeUnit.MILLISECONDS.toNanos(300));
            assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
            assertThat(hs.accepted()).isNotDone();
            assertThat(hs.isListening())
                    .as("the listener closes when its accepting ends")
                    .isFalse();
        }
        HandshakeListener hs = new HandshakeListener();
        Thread t = accepting(hs);
        hs.close(); // as the host does when the worker's process exits before connecting
        t.join(5_000);
        assertThat(t.isAlive()).as("closing ends the accepting at once").isFalse();
        assertThat(hs.accepted()).isNotDone();
    }

    /** The host's thread that waits for the worker, which accepts as {@code WorkerLink} does. */
    private static Thread accepting(HandshakeListener hs) {
        Thread t = new Thread(() -> hs.acceptUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(30)), "accepting");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static boolean readsEof(Socket s) throws Exception {
        s.setSoTimeout(5_000);
        InputStream in = s.getInputStream();
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // reset by the host: refused as well
        }
    }
}
