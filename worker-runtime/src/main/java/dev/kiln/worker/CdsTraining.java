package dev.kiln.worker;

import dev.kiln.wire.ClassBytes;
import dev.kiln.wire.Connection;
import dev.kiln.wire.FrameCodec;
import dev.kiln.wire.Invitation;
import dev.kiln.wire.Message;
import dev.kiln.wire.WorkerHello;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The training run behind {@link ClassDataSharing}: one JVM that is both a minimal host and a
 * real worker ({@link WorkerMain#main}, fed its invitation through {@code System.in}). It
 * takes the worker through what a new worker does first: handshake and hello, a call (with
 * output), a call whose result is a list, and the snippet engine's creation;
 * then asks it to shut down, and the JVM writes its archive as it exits. The calls come
 * serialized from the host, and the token is not SecureRandom's: what this JVM loads for its
 * host's part alone would be in every worker's archive. With {@code --check},
 * it only loads the worker's main class.
 */
public final class CdsTraining {
    private static final long STEP_SECONDS = 30;
    /** The argument that names the file of the calls (as the host's {@code TrainingCalls} writes it). */
    static final String CALLS_ARGUMENT = "--calls=";

    private CdsTraining() {}

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--check")) {
            Class.forName(WorkerMain.class.getName());
            return;
        }
        List<byte[]> calls = calls(args);
        Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(TimeUnit.SECONDS.toMillis(STEP_SECONDS * 4));
                    } catch (InterruptedException e) {
                        return;
                    }
                    Runtime.getRuntime().halt(4); // a stuck training must not leave an archive behind
                },
                "kiln-cds-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        // A minimal host: the real handshake listener is host-side code, which a worker JVM does not need.
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        // Not SecureRandom: whatever the training JVM loads goes into the archive that every worker maps, and
        // SecureRandom brings some 75 classes (the security providers, SHA, byte-array VarHandles) that a worker never
        // uses. A secret would guard nothing here: the listener takes one connection, and when that is not the
        // training's own worker, the build fails whatever it sends (a wrong proof halts with 8; the worker, left
        // without a listener, halts with 5), so no archive comes of it.
        byte[] token = new byte[Invitation.TOKEN_BYTES];
        ThreadLocalRandom.current().nextBytes(token);
        // With a file for the shared-memory lane, as a local worker on Linux gets: the lane's worker side loads at its
        // start. Under /dev/null, where no file can be made: a result large enough for the lane would go by socket.
        Invitation host = new Invitation(
                        listener.getInetAddress().getHostAddress(), listener.getLocalPort(), token, "cds-training")
                .withResultsFile("/dev/null/kiln-cds-training");
        byte[] invitation = host.line().getBytes(StandardCharsets.US_ASCII);
        System.setIn(new InputStream() {
            private int pos;
            private final CountDownLatch never = new CountDownLatch(1);

            @Override
            public int read() throws IOException {
                if (pos < invitation.length) {
                    return invitation[pos++] & 0xff;
                }
                try {
                    never.await(); // like a host's stdin: open until the JVM ends
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }
        });
        Thread worker = new Thread(
                () -> {
                    try {
                        WorkerMain.main(new String[0]);
                    } catch (Exception e) {
                        e.printStackTrace();
                        Runtime.getRuntime().halt(5);
                    }
                },
                "kiln-cds-worker");
        worker.start();

        listener.setSoTimeout((int) TimeUnit.SECONDS.toMillis(STEP_SECONDS));
        Socket socket = listener.accept();
        listener.close();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        if (!Arrays.equals(in.readNBytes(host.proof().length), host.proof())) {
            Runtime.getRuntime().halt(8);
        }
        WorkerHello.read(in);
        BlockingQueue<Message> replies = new LinkedBlockingQueue<>();
        Connection c = new Connection(socket, "cds-training", FrameCodec.DEFAULT_MAX_FRAME);
        c.start(replies::add, reason -> {});
        // The API's task interfaces, which a user's lambda implements (its class is the host's, so never archived):
        // archived, they load with its first call from the archive. Named: the worker side does not depend on the API.
        for (String api : List.of("dev.kiln.RemoteCallable", "dev.kiln.RemoteRunnable")) {
            Class.forName(api, true, CdsTraining.class.getClassLoader());
        }
        // Every message type, loaded: a worker's first message of a kind (a class asked from the host, as a call's
        // lambda class is) then finds its classes in the archive, where the JVM would otherwise open Kiln's jar for
        // them (about 5 ms on a first call).
        Message.class.getPermittedSubclasses();
        // No stats or flags request: the management beans they load (and the container metrics behind the OS bean)
        // would be 0.45 MB of the archive, and so of every idle worker's resident memory, for some 7 ms once, on a
        // worker's first stats request.
        c.send(new Message.Call(1, calls.get(0), false));
        expect(replies, Message.Result.class);
        // A list: the first result that is not a scalar builds Kryo (KryoValues); archived, it loads as fast as the
        // rest.
        c.send(new Message.Call(5, calls.get(1), false));
        expect(replies, Message.Result.class);
        // A lambda that captures a value: Java serialization (the two above are lambda references).
        c.send(new Message.Call(11, calls.get(2), false));
        expect(replies, Message.Result.class);
        // No such snippet: creates the snippet engine, then fails with a resolution error.
        c.send(new Message.VarValue(3, "REPL.$JShell$0", "x"));
        expectAny(replies, Message.Result.class, Message.Failure.class);
        // A snippet class loaded and run, as an evaluation does: the engine writes stop checks into every snippet class
        // it loads, with the JDK's class-file library from JDK 20 (a hundred classes of java.base that no other step
        // loads and that a worker's first evaluation would parse from the runtime image; JDK 25: 80-89 ms for its
        // first Load, 47-51 ms with them archived), with ASM up to JDK 19 (StopChecks). Both must succeed (a failure
        // fails the archive's build, which ClassDataSharingTest sees).
        c.send(new Message.Load(7, new ClassBytes[] {snippetBytes()}));
        expect(replies, Message.Result.class);
        c.send(new Message.Invoke(9, TrainingSnippet.class.getName(), "do_it$", false));
        expect(replies, Message.Result.class);
        c.send(new Message.Shutdown()); // the worker exits the JVM: the archive is written then
        worker.join(TimeUnit.SECONDS.toMillis(STEP_SECONDS));
        Runtime.getRuntime().halt(6); // the worker did not exit: fail the build
    }

    /** {@link TrainingSnippet}'s class file, from beside this class, as the engine gets a snippet's. */
    private static ClassBytes snippetBytes() throws IOException {
        String name = TrainingSnippet.class.getName();
        String resource = name.substring(name.lastIndexOf('.') + 1) + ".class";
        try (InputStream in = CdsTraining.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource + " beside " + CdsTraining.class.getName());
            }
            return new ClassBytes(name, in.readAllBytes());
        }
    }

    private static void expect(BlockingQueue<Message> replies, Class<? extends Message> type) throws Exception {
        expectAny(replies, type, type);
    }

    private static void expectAny(
            BlockingQueue<Message> replies, Class<? extends Message> a, Class<? extends Message> b) throws Exception {
        while (true) {
            Message m = replies.poll(STEP_SECONDS, TimeUnit.SECONDS);
            if (m == null) {
                Runtime.getRuntime().halt(7);
            }
            if (a.isInstance(m) || b.isInstance(m)) {
                return;
            }
            if (m instanceof Message.Failure) {
                Runtime.getRuntime().halt(9); // a step failed that must not
            }
        }
    }

    /**
     * The calls the host serialized for the training ({@code --calls=<file>}: each a byte count and
     * its bytes), so that this JVM, whose classes go into the archive, never serializes a lambda.
     */
    private static List<byte[]> calls(String[] args) throws IOException {
        String file = null;
        for (String a : args) {
            if (a.startsWith(CALLS_ARGUMENT)) {
                file = a.substring(CALLS_ARGUMENT.length());
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("no " + CALLS_ARGUMENT + "<file> argument: the host writes the calls");
        }
        List<byte[]> calls = new java.util.ArrayList<>();
        try (DataInputStream in = new DataInputStream(new java.io.FileInputStream(file))) {
            while (in.available() > 0) {
                calls.add(in.readNBytes(in.readInt()));
            }
        }
        return calls;
    }
}
