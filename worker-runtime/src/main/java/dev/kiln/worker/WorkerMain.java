package dev.kiln.worker;

import dev.kiln.concurrent.KilnThreads;
import dev.kiln.os.InterruptDoorbell;
import dev.kiln.platform.OsFamily;
import dev.kiln.wire.Connection;
import dev.kiln.wire.FrameCodec;
import dev.kiln.wire.Invitation;
import dev.kiln.wire.Message;
import dev.kiln.wire.SharedResults;
import dev.kiln.wire.Upstream;
import dev.kiln.wire.WorkerHello;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The worker process. Reads its invitation (where to connect, and a token) from stdin,
 * connects (a pair of named pipes the host made, or a loopback socket) and authenticates
 * first; with the host's first message it installs output capture and serves
 * requests from then on; heavy
 * machinery (the serializer, the management beans, the snippet engine, the call pool's first
 * thread) is created when first used.
 * It exits when its host goes away: the connection or stdin closing means the host died.
 *
 * <p>From {@code main} to the first reply the worker's code passes nested classes where it would
 * pass lambdas or method references: the JVM links each lambda on its first use, 0.2 to 1.5 ms
 * while it still interprets (measured, the lambda's class archived), where a nested class loads
 * from the archive in some 0.02 ms. A dozen of them cost a first call some 4-6 ms after the
 * hello.
 */
public final class WorkerMain {
    private WorkerMain() {}

    /** The prefix of the argument that carries the user's class path (as the host's WorkerCommand writes it). */
    static final String CLASS_PATH_ARGUMENT = "--class-path=";

    /** The user's class path from the worker's arguments: empty when none is given. */
    static String userClassPath(String[] args) {
        for (String a : args) {
            if (a.startsWith(CLASS_PATH_ARGUMENT)) {
                return a.substring(CLASS_PATH_ARGUMENT.length());
            }
        }
        return "";
    }

    /**
     * @param args {@code --class-path=<user class path>} (see {@code WorkerCommand}): the class
     *     path the worker's user code sees, which becomes its {@code java.class.path}; the JVM's
     *     own class path is Kiln's runtime. Without it, the user's class path is empty.
     */
    public static void main(String[] args) throws Exception {
        System.setProperty("java.class.path", userClassPath(args));
        if (Runtime.version().feature() >= 24 && System.getProperty("kryo.unsafe") == null) {
            // JDK 24+ warns on stderr when Kryo touches sun.misc.Unsafe (JEP 498): that would be Kiln's
            // noise in the user's output. Kryo's safe mode writes the same bytes.
            System.setProperty("kryo.unsafe", "false");
        }
        InputStream stdin = System.in;
        String line = readLine(stdin);
        if (line == null) {
            System.err.println("kiln worker: no invitation on stdin; a worker is started by dev.kiln.Worker.start()");
            System.exit(2);
        }
        Invitation invitation = Invitation.parse(line).orElse(null);
        if (invitation == null) {
            System.err.println("kiln worker: malformed invitation on stdin");
            System.exit(2);
        }
        // The host writes nothing more on stdin: from now on its end means the host is gone. Over a socket, this thread
        // makes the socket first.
        HostWatch watch = new HostWatch(stdin, !invitation.viaPipes());
        watch.start();

        // The doorbell is in place before the host hears of the worker: a SIGINT that came earlier would end the
        // JVM (its default action), and the host may ring as soon as it has the hello.
        AtomicReference<WorkerAgent> agent = new AtomicReference<>();
        listenForDoorbell(invitation.doorbellName(), new StopAllOnRing(agent));

        Connection connection;
        if (invitation.viaPipes()) {
            // The host opened its ends before it wrote the invitation, so neither open waits for it.
            FileOutputStream up = new FileOutputStream(invitation.pipeToHost());
            FileInputStream down = new FileInputStream(invitation.pipeFromHost());
            sayHello(up, invitation);
            connection = new Connection(down, up, "host", FrameCodec.DEFAULT_MAX_FRAME);
        } else {
            Socket socket = watch.socket();
            socket.connect(
                    new InetSocketAddress(InetAddress.getByName(invitation.address()), invitation.port()), 10_000);
            sayHello(socket.getOutputStream(), invitation);
            connection = new Connection(socket, "host", FrameCodec.DEFAULT_MAX_FRAME);
        }
        if (!invitation.resultsFile().isEmpty()) {
            connection.shareResultsThrough(new SharedResults.Writer(invitation.resultsFile()));
        }
        // Made before the capture replaces System.err: what the worker says on the process's own stderr when it
        // cannot go on, which the host shows with the termination.
        LastWords lastWords = new LastWords();
        Thread.currentThread().setName("kiln-control");
        KilnThreads.adopt(Thread.currentThread());
        KilnThreads.adopt(watch);
        // Nothing more until the host asks: the agent, the capture and the rest are made for the host's first
        // message (Requests), and the serializer (Kryo) loads with the first request that needs it.
        try {
            connection.run(new Requests(connection, lastWords, agent), new HostGone(lastWords));
        } catch (Throwable e) {
            // Even closing failed (the heap is full): the control thread is done, and so is the worker.
            lastWords.failed(e);
            Runtime.getRuntime().halt(3);
        }
    }

    /** Token and hello in one write, without Kryo: the host declares the worker ready on this. */
    private static void sayHello(OutputStream toHost, Invitation invitation) throws IOException {
        DataOutputStream raw = new DataOutputStream(new BufferedOutputStream(toHost, 1024));
        raw.write(invitation.proof());
        WorkerHello.current().write(raw);
        raw.flush();
    }

    /**
     * Watches stdin for the host's end, and before that, for a worker invited to a socket, makes
     * the socket while {@code main} installs its doorbell. A JVM's first {@code Socket} sets up the
     * JDK's socket classes and, through a lambda of theirs, the JVM's lambda machinery (some 8 ms
     * of CPU in all, measured at ready); a worker invited to pipes opens two files instead. The
     * watch needs a thread of its own, and starting one after the hello kept the first call
     * waiting 1-2 ms (a thread's start waits until the new thread runs, on two busy cores): this
     * one is already running. It also ends a worker whose host died before the worker opened its
     * pipes: the open would wait for an end nobody holds.
     */
    private static final class HostWatch extends Thread {
        private final InputStream stdin;
        private final boolean makeSocket;
        private Socket made;
        private Throwable failed;
        private boolean done;

        HostWatch(InputStream stdin, boolean makeSocket) {
            super(makeSocket ? "kiln-connect" : "kiln-host-watch");
            this.stdin = stdin;
            this.makeSocket = makeSocket;
            setDaemon(true);
        }

        @Override
        public void run() {
            if (makeSocket) {
                makeSocket();
                setName("kiln-host-watch");
            }
            new WatchHost(stdin).run();
        }

        private void makeSocket() {
            Socket s = null;
            Throwable t = null;
            try {
                s = new Socket();
                s.setTcpNoDelay(true);
            } catch (Throwable e) {
                t = e;
            }
            synchronized (this) {
                made = s;
                failed = t;
                done = true;
                notifyAll();
            }
        }

        /** The socket, once made. */
        synchronized Socket socket() throws IOException, InterruptedException {
            while (!done) {
                wait();
            }
            if (failed != null) {
                throw new IOException("cannot make the socket to the host: " + failed, failed);
            }
            return made;
        }
    }

    /** The OS doorbell's ring: stop what runs, once the agent exists (a ring before it finds nothing running). */
    private static final class StopAllOnRing implements Runnable {
        private final AtomicReference<WorkerAgent> agent;

        StopAllOnRing(AtomicReference<WorkerAgent> agent) {
            this.agent = agent;
        }

        @Override
        public void run() {
            WorkerAgent a = agent.get();
            if (a != null) {
                a.stopAll();
            }
        }
    }

    /** What was printed and not sent yet goes before the JVM exits. */
    private static final class FlushOnExit implements Runnable {
        private final OutputCapture output;

        FlushOnExit(OutputCapture output) {
            this.output = output;
        }

        @Override
        public void run() {
            output.flushAll();
        }
    }

    /** Output and Kiln's own messages to the host; a connection that fails means the host is gone. */
    private static final class ToHost implements Consumer<Message> {
        private final Connection connection;

        ToHost(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void accept(Message m) {
            try {
                connection.send(m);
            } catch (IOException e) {
                Runtime.getRuntime().halt(3);
            }
        }
    }

    /**
     * Every request, in arrival order, on the control thread. The first makes what serves them
     * ({@link #serve}): a worker nobody has asked anything yet (a spare, one of twenty started at
     * once) spends no CPU on it while others start and holds none of it, and the host's first
     * message, already in the socket when the worker would have finished making it after its
     * hello, waits just as long.
     */
    private static final class Requests implements Consumer<Message> {
        private final Connection connection;
        private final LastWords lastWords;
        private final AtomicReference<WorkerAgent> served;
        private WorkerAgent agent;

        Requests(Connection connection, LastWords lastWords, AtomicReference<WorkerAgent> served) {
            this.connection = connection;
            this.lastWords = lastWords;
            this.served = served;
        }

        @Override
        public void accept(Message m) {
            if (agent == null) {
                try {
                    agent = serve(connection, lastWords, served);
                } catch (Throwable e) {
                    // The worker cannot serve its host (its heap or the JVM failed it): said on stderr, and it ends.
                    lastWords.failed(e);
                    Runtime.getRuntime().halt(3);
                }
            }
            agent.handleWhenHeapIsFull(m);
        }
    }

    /**
     * What serves the host's requests: output capture, the stdin relay, the exit hook that sends
     * what was printed last, and the agent (which the doorbell's ring finds in {@code served}).
     */
    private static WorkerAgent serve(Connection connection, LastWords lastWords, AtomicReference<WorkerAgent> served) {
        Consumer<Message> toHost = new ToHost(connection);
        OutputCapture output = new OutputCapture(toHost);
        output.install();
        // Code reads what the host sends; the real stdin stays Kiln's: it ends when the host dies.
        StdinRelay input = new StdinRelay(toHost, output);
        System.setIn(input);
        Runtime.getRuntime().addShutdownHook(new Thread(new FlushOnExit(output), "kiln-flush-on-exit"));
        WorkerAgent a = new WorkerAgent(connection, output, input, lastWords);
        Upstream.install(a);
        served.set(a);
        return a;
    }

    /**
     * The host closed the connection or died: a worker never outlives its host. Anything but the
     * connection itself failing (the heap full as a message came in) is said on stderr first, for
     * the host to show.
     */
    private static final class HostGone implements Consumer<Throwable> {
        private final LastWords lastWords;

        HostGone(LastWords lastWords) {
            this.lastWords = lastWords;
        }

        @Override
        public void accept(Throwable reason) {
            if (reason != null && !(reason instanceof IOException)) {
                lastWords.failed(reason);
            }
            Runtime.getRuntime().halt(reason == null ? 0 : 3);
        }
    }

    /**
     * The OS interrupt path. POSIX: a SIGINT handler, installed here and now (it needs no JNA).
     * Windows: a named event, made on a thread of its own since it loads JNA; a ring before it
     * exists is lost, not fatal, and the control message covers it.
     */
    private static void listenForDoorbell(String name, Runnable onRing) {
        Runnable listen = new ListenForDoorbell(name, onRing);
        if (OsFamily.current().isPosix()) {
            listen.run();
        } else {
            KilnThreads.start(listen, "kiln-doorbell-setup");
        }
    }

    private static final class ListenForDoorbell implements Runnable {
        private final String name;
        private final Runnable onRing;

        ListenForDoorbell(String name, Runnable onRing) {
            this.name = name;
            this.onRing = onRing;
        }

        @Override
        public void run() {
            try {
                InterruptDoorbell.forOs(OsFamily.current()).listen(name, onRing);
            } catch (Throwable e) {
                System.err.println("kiln worker: the OS interrupt doorbell is unavailable (" + e
                        + "); interrupts still work through the control connection");
            }
        }
    }

    /** The host writes nothing more on stdin after the invitation: its end means the host is gone. */
    private static final class WatchHost implements Runnable {
        private final InputStream stdin;

        WatchHost(InputStream stdin) {
            this.stdin = stdin;
        }

        @Override
        public void run() {
            try {
                while (stdin.read() >= 0) {
                    // the host writes nothing more; EOF means it is gone
                }
            } catch (IOException ignored) {
                // same as EOF
            }
            Runtime.getRuntime().halt(3);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return sb.toString();
            }
            sb.append((char) c);
            if (sb.length() > Invitation.MAX_LINE) {
                return null;
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
