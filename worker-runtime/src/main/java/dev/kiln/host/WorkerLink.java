package dev.kiln.host;

import dev.kiln.concurrent.KilnThreads;
import dev.kiln.concurrent.LazyLogger;
import dev.kiln.concurrent.Timers;
import dev.kiln.wire.Connection;
import dev.kiln.wire.FrameCodec;
import dev.kiln.wire.FrameException;
import dev.kiln.wire.Message;
import dev.kiln.wire.SharedResults;
import dev.kiln.wire.StdStream;
import dev.kiln.wire.WorkerHello;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;

/**
 * The host's link to one started worker: it waits for the worker's connection and hello,
 * pumps the process's own pipes into the output router, dispatches the worker's messages
 * (replies to their requests, output, class requests, nested-worker reports), and when the
 * process exits fails every pending request at once. It also ends the process: a shutdown
 * request, then TERM, then KILL.
 *
 * <p>What a failure is called is the API's business: {@link Failures} makes the exceptions.
 */
public final class WorkerLink {
    private static final System.Logger LOG = LazyLogger.of(WorkerLink.class);
    private static final ExecutorService BACKGROUND =
            Executors.newCachedThreadPool(KilnThreads.factory("kiln-background-"));

    /** The exceptions callers see, made by the API. */
    public interface Failures {
        RuntimeException startFailed(String message, String stderrTail, Throwable cause);

        /**
         * The worker exited with {@code exitCode} ({@link Integer#MIN_VALUE}: not known yet);
         * {@code why} says why the host ended it, or is empty.
         */
        RuntimeException terminated(int exitCode, String stderrTail, String why);

        RuntimeException notSent(String message);
    }

    /** A worker that reads nothing of what was sent to it for this long is treated as unresponsive. */
    static final Duration WRITE_STALL_LIMIT = Duration.ofSeconds(30);

    private final String name;
    private final WorkerProcess process;
    private final String doorbellName;
    private final OutputRouter output;
    private final Failures failures;
    private final PendingReplies replies = new PendingReplies();
    private final ClassServer classes;
    private final NestedRelay nested = new NestedRelay();
    private final InputRequests input = new InputRequests();
    /** The last input sent, or queued until the worker is ready: the next one goes after it. */
    private CompletableFuture<?> inputSent;

    private final Object inputOrder = new Object();
    private final CompletableFuture<WorkerHello> ready = new CompletableFuture<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Instant startedAt;
    private final long spawnNanos;
    private final Thread stdoutPump;
    private final Thread stderrPump;
    /**
     * Reads the worker's messages once it is connected: started with the pumps, while the worker's
     * JVM boots, so that no thread is started between its hello and its being ready (a thread
     * start was 1-1.6 ms of that on JDK 25).
     */
    private final Thread reader;
    /** The worker's connection, handed to {@link #reader}; fails when the worker never connects. */
    private final CompletableFuture<Connection> forReader = new CompletableFuture<>();

    private final LaunchedWorker launch;
    private final Duration startTimeout;
    private final Runnable onExit;
    private final Map<Class<?>, CompletableFuture<Message>> answers = new HashMap<>();
    private volatile Connection connection;
    /** The host's side of the worker's shared-memory lane, once connected; null when it was offered none. */
    private volatile SharedResults.Reader sharedResults;
    /** Why the host closed the connection (a protocol violation, a stalled frame); empty otherwise. */
    private volatile String closedBecause = "";

    private volatile Duration launchTime;

    /**
     * Takes over a worker just launched; {@link #start()} sets it going.
     *
     * @param echo   whether its output is echoed on this JVM's own streams
     * @param onExit runs when the process has exited, before pending requests fail
     */
    public WorkerLink(
            String name,
            LaunchedWorker launch,
            Duration startTimeout,
            boolean echo,
            Failures failures,
            Runnable onExit) {
        this.name = name;
        this.process = launch.process();
        this.spawnNanos = launch.spawnNanos();
        this.startedAt = Instant.now().minusNanos(System.nanoTime() - spawnNanos);
        this.doorbellName = launch.doorbellName();
        this.output = new OutputRouter(echo);
        this.failures = failures;
        this.classes = new ClassServer(name, this::sendQuietly);
        this.launch = launch;
        this.startTimeout = startTimeout;
        this.onExit = onExit;
        this.inputSent = ready;
        output.setPrefix(name, process.pid());
        stdoutPump = KilnThreads.daemon(() -> pump(process.stdout(), StdStream.STDOUT), "kiln-stdout-" + name);
        stderrPump = KilnThreads.daemon(() -> pump(process.stderr(), StdStream.STDERR), "kiln-stderr-" + name);
        reader = KilnThreads.daemon(this::readOnceConnected, "kiln-reader-" + name);
    }

    /** Starts the pumps, and waits for the worker's connection and for its exit, in the background. */
    public void start() {
        stdoutPump.start();
        stderrPump.start();
        reader.start();
        process.onExit().thenRunAsync(this::processExited, BACKGROUND);
        BACKGROUND.execute(() -> awaitHello(launch.connection(), launch.listener(), startTimeout));
    }

    // ------------------------------------------------------------------ start

    private void awaitHello(CompletableFuture<WorkerLine> connected, HandshakeWatch listener, Duration startTimeout) {
        WorkerLine line = null;
        try {
            long timeoutNanos = startTimeout.toNanos();
            long deadline = System.nanoTime() + timeoutNanos;
            process.onExit().thenRun(listener::close); // a worker gone before connecting ends the accepting
            listener.acceptUntil(deadline);
            CompletableFuture.anyOf(connected, process.onExit())
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!connected.isDone()) {
                throw startFailure(
                        "the worker JVM exited with code " + process.onExit().getNow(-1) + " before connecting", null);
            }
            line = connected.get();
            WorkerHello hello;
            try {
                hello = line.readHello(spawnNanos + timeoutNanos);
            } catch (IOException e) {
                process.onExit().completeOnTimeout(null, 1, TimeUnit.SECONDS).join();
                throw startFailure(
                        "the worker JVM "
                                + (process.isAlive()
                                        ? "sent no valid hello"
                                        : "exited with code " + process.onExit().getNow(-1) + " before its hello"),
                        e);
            }
            launchTime = Duration.ofNanos(System.nanoTime() - spawnNanos);
            Connection c = line.connection(name, FrameCodec.DEFAULT_MAX_FRAME);
            line = null; // the connection's now
            launch.sharedResults().ifPresent(file -> {
                SharedResults.Reader lane = new SharedResults.Reader(file);
                sharedResults = lane;
                c.readSharedResultsFrom(lane);
            });
            connection = c;
            c.closeWhenWritesStallFor(WRITE_STALL_LIMIT);
            forReader.complete(c); // the reader thread, waiting already, takes it from here
            ready.complete(hello);
        } catch (TimeoutException e) {
            failStart(startFailure(
                            "worker " + name + " did not connect within " + startTimeout
                                    + " and was killed; raise WorkerSpec.startTimeout if the machine is slow",
                            e)
                    .failure);
        } catch (StartFailed e) {
            failStart(e.failure);
        } catch (ExecutionException e) {
            // The launcher could not start the process, or the listener failed.
            Throwable why = e.getCause();
            failStart(startFailure("worker " + name + " failed to start: " + why.getMessage(), why).failure);
        } catch (Exception e) {
            failStart(startFailure("worker " + name + " failed to start: " + e, e).failure);
        } finally {
            listener.close();
            if (line != null) {
                line.abandon(); // the start failed
            }
            forReader.completeExceptionally(new IllegalStateException("worker " + name + " never connected"));
        }
    }

    private void readOnceConnected() {
        Connection c;
        try {
            c = forReader.join();
        } catch (RuntimeException neverConnected) {
            return;
        }
        c.run(this::onMessage, this::connectionClosed);
    }

    /** A start failure, carried out of the handshake code to {@link #failStart}. */
    private static final class StartFailed extends Exception {
        private static final long serialVersionUID = 1L;
        final transient RuntimeException failure;

        StartFailed(RuntimeException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }

    private StartFailed startFailure(String message, Throwable cause) {
        joinPumps(1000);
        String interference = launch.listener().interference();
        String why = interference.isEmpty() ? message : message + "; meanwhile " + interference;
        return new StartFailed(failures.startFailed(why, output.stderrTail(), cause));
    }

    /** A failed start leaves nothing behind: the process is gone before the caller hears of it. */
    private void failStart(RuntimeException e) {
        process.kill();
        awaitExit(Duration.ofSeconds(10));
        ready.completeExceptionally(e);
    }

    private void pump(InputStream in, StdStream stream) {
        char[] buf = new char[8192];
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            int n;
            while ((n = r.read(buf)) > 0) {
                output.acceptRaw(stream, new String(buf, 0, n));
            }
        } catch (IOException ignored) {
            // the process is gone
        }
    }

    private void joinPumps(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        for (Thread t : new Thread[] {stdoutPump, stderrPump}) {
            try {
                t.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ------------------------------------------------------------------ messages

    private void onMessage(Message m) {
        if (m instanceof Message.Output o) {
            output.accept(o);
        } else if (m instanceof Message.Reply r) {
            replies.complete(r.id(), m);
        } else if (m instanceof Message.ClassRequest cr) {
            classes.serve(cr);
        } else if (m instanceof Message.NestedWorker nw) {
            nested.accept(nw);
        } else if (m instanceof Message.InputRequest r) {
            input.requested(r.prompt());
        } else if (m instanceof Message.InputWaitOver) {
            input.over();
        } else {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "worker " + name + " sent unexpected " + m.getClass().getSimpleName());
        }
    }

    private void connectionClosed(Throwable reason) {
        if (reason != null && !exit.isDone()) {
            closedBecause = "Kiln closed its connection and ended it: " + reason.getMessage();
            LOG.log(System.Logger.Level.WARNING, "connection to worker " + name + " closed: " + reason.getMessage());
        }
        // Without its connection a worker is useless: make sure the process ends too.
        if (process.isAlive()) {
            Timers.timer()
                    .schedule(
                            () -> {
                                if (process.isAlive()) {
                                    process.kill();
                                }
                            },
                            reason == null ? 1000 : 0,
                            TimeUnit.MILLISECONDS);
        }
    }

    private void processExited() {
        int code = process.onExit().join();
        joinPumps(500);
        output.flushEcho();
        String why = closedBecause.isEmpty() ? process.endedBecause() : closedBecause;
        RuntimeException terminated = failures.terminated(code, output.stderrTail(), why);
        try {
            onExit.run(); // the API's state first: whoever sees a request fail sees the worker gone
        } finally {
            replies.failAll(terminated);
            input.over();
            Connection c = connection;
            if (c != null) {
                c.close();
            }
            SharedResults.Reader lane = sharedResults;
            if (lane != null) {
                lane.close(); // the worker is gone: its file's pages and name go now
            }
            classes.close();
            try {
                process.stdin().close(); // held open while the worker lives; its end tells the worker the host is gone
            } catch (IOException ignored) {
                // already closed
            }
            exit.complete(code);
        }
    }

    // ------------------------------------------------------------------ requests

    /** What the worker said in its hello, once it is connected. */
    public Optional<WorkerHello> hello() {
        return ready.isDone() && !ready.isCompletedExceptionally() ? Optional.of(ready.join()) : Optional.empty();
    }

    /**
     * The reply to a question whose answer does not change (the JVM's flags): asked the first time,
     * then the same future for every later call.
     */
    public CompletableFuture<Message> askOnce(LongFunction<Message> build) {
        synchronized (answers) {
            return answers.computeIfAbsent(build.apply(0).getClass(), k -> request(build));
        }
    }

    /** Completes with the worker's hello when it is connected; fails with the API's start failure. */
    public CompletableFuture<WorkerHello> ready() {
        return ready;
    }

    /** Completes with the exit code once the process has exited and pending requests have failed. */
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    /**
     * Sends a request built for a fresh id, once the worker is ready; the future completes with
     * the worker's reply, or fails when the worker is gone or the request cannot be sent.
     */
    public CompletableFuture<Message> request(LongFunction<Message> build) {
        return request(null, build);
    }

    /**
     * As {@link #request(LongFunction)}, with a message that has no reply sent just before it on
     * the connection (null: none): a class the request will need ({@link ClassServer#offerFor}).
     */
    public CompletableFuture<Message> request(Message ahead, LongFunction<Message> build) {
        if (!ready.isDone()) {
            return ready.thenCompose(h -> request(ahead, build));
        }
        if (ready.isCompletedExceptionally() || exit.isDone()) {
            return CompletableFuture.failedFuture(gone());
        }
        long id = replies.nextId();
        CompletableFuture<Message> f = replies.expect(id);
        try {
            sendAhead(connection, ahead);
            connection.send(build.apply(id));
        } catch (FrameException e) {
            replies.fail(id, failures.notSent("request to worker " + name + " not sent: " + e.getMessage()));
        } catch (IOException e) {
            replies.fail(id, gone());
        }
        return f;
    }

    /** Sends a message that has no reply (a fire-and-forget call), once the worker is ready. */
    public CompletableFuture<Void> sendOneWay(LongFunction<Message> build) {
        return sendOneWay(null, build);
    }

    /** As {@link #sendOneWay(LongFunction)}, with {@code ahead} sent just before it (null: none). */
    public CompletableFuture<Void> sendOneWay(Message ahead, LongFunction<Message> build) {
        return ready.thenAccept(h -> {
            Connection c = connection;
            if (c == null || exit.isDone()) {
                throw gone();
            }
            try {
                sendAhead(c, ahead);
                c.send(build.apply(replies.nextId()));
            } catch (IOException e) {
                throw gone();
            }
        });
    }

    /**
     * Sends input for the worker's {@code System.in} ({@link Message.Input}, {@link Message.InputEnd}),
     * in call order; before the worker is ready it waits for it, still in order.
     *
     * @throws RuntimeException the API's exception when the worker is gone or failed to start
     */
    public void sendInput(Message m) {
        synchronized (inputOrder) {
            if (exit.isDone() || ready.isCompletedExceptionally()) {
                throw gone();
            }
            inputSent = inputSent.thenRun(() -> sendQuietly(m));
        }
    }

    /** A message that only saves the worker a question: one too large to send is left out, and the worker asks. */
    private static void sendAhead(Connection c, Message ahead) throws IOException {
        if (ahead != null) {
            try {
                c.send(ahead);
            } catch (FrameException tooLarge) {
                // the worker asks for it when it needs it
            }
        }
    }

    private void sendQuietly(Message m) {
        Connection c = connection;
        if (c != null) {
            try {
                c.send(m);
            } catch (IOException ignored) {
                // the worker is gone
            }
        }
    }

    /** What a request to a worker that is gone fails with. */
    public RuntimeException gone() {
        if (ready.isCompletedExceptionally() && !exit.isDone()) {
            return failures.startFailed("worker " + name + " failed to start", output.stderrTail(), null);
        }
        return failures.terminated(exit.getNow(Integer.MIN_VALUE), output.stderrTail(), closedBecause);
    }

    // ------------------------------------------------------------------ ending

    /** Rings the worker's OS interrupt doorbell; a doorbell that cannot ring is logged, not thrown. */
    public void ringDoorbell() {
        try {
            process.ringDoorbell(doorbellName);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "cannot ring the interrupt doorbell of worker " + name + ": " + e);
        }
    }

    /** A shutdown request, then TERM, then KILL, each followed by up to {@code grace}; returns when it is gone. */
    public void stop(Duration grace) {
        Connection c = connection;
        if (c != null && ready.isDone()) {
            // Off this thread: a worker that does not read must not hold up the escalation.
            CompletableFuture.runAsync(() -> sendQuietly(new Message.Shutdown()), BACKGROUND);
            if (awaitExit(grace)) {
                return;
            }
        }
        process.terminate();
        if (awaitExit(grace)) {
            return;
        }
        kill();
    }

    /** Kills the process at once and waits (up to 10 s) until its exit has been handled. */
    public void kill() {
        if (process.isAlive()) {
            process.kill();
        }
        awaitExit(Duration.ofSeconds(10));
    }

    /** Waits up to {@code d} for the exit to be handled; true if it was. */
    public boolean awaitExit(Duration d) {
        try {
            exit.get(d.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    // ------------------------------------------------------------------ facts

    public WorkerProcess process() {
        return process;
    }

    public String doorbellName() {
        return doorbellName;
    }

    public OutputRouter output() {
        return output;
    }

    public ClassServer classes() {
        return classes;
    }

    public NestedRelay nested() {
        return nested;
    }

    /** Whether the worker's code waits for input now, and who wants to know. */
    public InputRequests input() {
        return input;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Spawn to hello; null until the worker is ready. */
    public Duration launchTime() {
        return launchTime;
    }
}
