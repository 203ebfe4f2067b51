package dev.kiln;

import dev.kiln.eval.Evaluator;
import dev.kiln.eval.RequestChannel;
import dev.kiln.host.KilnThreads;
import dev.kiln.host.OutputRouter;
import dev.kiln.host.Timers;
import dev.kiln.launch.ClassDataSharing;
import dev.kiln.launch.Handshake;
import dev.kiln.launch.RuntimeClasspath;
import dev.kiln.launch.WorkerEnvironment;
import dev.kiln.launch.WorkerHello;
import dev.kiln.os.InterruptDoorbell;
import dev.kiln.os.ProcessMetrics;
import dev.kiln.platform.OsFamily;
import dev.kiln.wire.CapturesNothing;
import dev.kiln.wire.ClassBytes;
import dev.kiln.wire.Connection;
import dev.kiln.wire.FailureKind;
import dev.kiln.wire.FrameCodec;
import dev.kiln.wire.FrameException;
import dev.kiln.wire.Message;
import dev.kiln.wire.ValueCodec;
import dev.kiln.worker.EngineWarmUp;
import dev.kiln.worker.WorkerMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * A worker: a fresh JVM process that runs Java snippets and serializable lambdas for its host.
 *
 * <pre>{@code
 * try (Worker w = Worker.start()) {
 *     double r = w.evalFetch("Math.sqrt(123)", Double.class);  // 11.090536506409418, computed in the worker
 *     int two = w.callFetch(() -> 1 + 1);                       // a lambda run in the worker
 *     w.callDo(() -> System.out.println("hi"));                  // fire and forget; echoed as [worker-1 1234] hi
 * }
 * }</pre>
 *
 * <p>Method names say what they wait for, as in Malt: {@code ...Fetch} waits and returns the
 * value, {@code ...Wait} waits and discards it, the plain form returns a
 * {@link CompletableFuture}, {@code callDo} fires and forgets.
 *
 * <p>Values come back as data: null, primitives and their boxes, String, arrays, lists, sets,
 * maps, BigInteger/BigDecimal, UUID, java.time values, and enums and records whose classes
 * the host has; anything else arrives as a {@link RemoteValue} (type name and
 * {@code toString()}). The host never instantiates a class just because the worker named it.
 *
 * <p>Thread-safe. Evaluations run one at a time in submission order; calls run concurrently
 * beside them. A worker whose process dies fails its pending requests at once with
 * {@link WorkerTerminatedException}. Workers never outlive their host.
 */
public final class Worker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Worker.class.getName());
    private static final Set<Worker> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final ProcessMetrics METRICS = ProcessMetrics.forCurrentOs();
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    /** How long the worker has to confirm an interrupt message before the host rings the OS doorbell. */
    static final Duration INTERRUPT_GRACE = Duration.ofMillis(250);

    private static final InterruptDoorbell DOORBELL = InterruptDoorbell.forCurrentOs();
    private static final ExecutorService BACKGROUND =
            Executors.newCachedThreadPool(KilnThreads.factory("kiln-background-"));

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            for (Worker w : LIVE) {
                                Process p = w.process;
                                if (p != null) {
                                    p.destroyForcibly();
                                }
                            }
                        },
                        "kiln-kill-workers-on-exit"));
    }

    private final WorkerSpec spec;
    private final String name;
    private final OutputRouter output;
    private final AtomicReference<WorkerState> state = new AtomicReference<>(WorkerState.STARTING);
    private final List<Consumer<WorkerState>> stateListeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Worker> ready = new CompletableFuture<>();
    /** The worker's JVM flags, asked for the first time someone wants them. */
    private final AtomicReference<CompletableFuture<List<String>>> flags = new AtomicReference<>();

    private volatile WorkerHello workerHello;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Map<Long, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger busy = new AtomicInteger();
    private final Set<ClassLoader> codeLoaders = ConcurrentHashMap.newKeySet();
    private final Object evaluatorLock = new Object();
    private volatile Process process;
    private volatile Connection connection;
    private volatile Duration launchTime;
    private volatile Instant startedAt;
    private volatile Evaluator evaluator;
    private volatile Thread stdoutPump;
    private volatile Thread stderrPump;
    private volatile String doorbellName;
    private final Map<Long, NestedWorker> nested = new ConcurrentHashMap<>();
    private final List<Consumer<NestedWorker>> nestedListeners = new CopyOnWriteArrayList<>();

    private Worker(WorkerSpec spec) {
        this.spec = spec;
        this.name = spec.name().orElseGet(() -> "worker-" + NAMES.incrementAndGet());
        this.output = new OutputRouter(spec.echoOutput());
    }

    // ------------------------------------------------------------------ start

    /** Starts a worker with default settings and waits until it is ready. */
    public static Worker start() {
        return start(WorkerSpec.defaults());
    }

    /**
     * Starts a worker and waits until it is ready (IDLE).
     *
     * @throws WorkerStartException if the JVM cannot start or does not connect within the spec's start timeout
     */
    public static Worker start(WorkerSpec spec) {
        return await(startAsync(spec));
    }

    /** Starts a worker; the future completes when it is ready, or fails with {@link WorkerStartException}. */
    public static CompletableFuture<Worker> startAsync(WorkerSpec spec) {
        return launch(spec).ready();
    }

    /** Starts a worker with default settings; the future completes when it is ready. */
    public static CompletableFuture<Worker> startAsync() {
        return startAsync(WorkerSpec.defaults());
    }

    /**
     * Spawns a worker and returns at once, in state STARTING (its PID is known). Requests made
     * before it is ready wait for it. {@link #ready()} completes when it is IDLE.
     */
    public static Worker launch(WorkerSpec spec) {
        Worker w = new Worker(spec);
        try {
            w.spawn();
        } catch (WorkerStartException e) {
            w.ready.completeExceptionally(e);
            w.exit.complete(-1);
            w.setState(WorkerState.EXITED);
            return w;
        }
        BACKGROUND.execute(w::awaitHandshake);
        return w;
    }

    /**
     * Builds the class data sharing archive that workers of this spec use (or finds it built),
     * so that the next start uses it: a program that starts workers later, or a packaging step,
     * calls this ahead. Without it the first start builds the archive in the background and
     * the starts after it use it. Completes with the archive, or empty when class data sharing
     * does not apply (turned off, a JDK older than 13, a runtime from class folders) or the build
     * failed.
     */
    public static CompletableFuture<Optional<Path>> prepareClassDataSharing(WorkerSpec spec) {
        if (!spec.classDataSharing() || !ClassDataSharing.allowedByHost()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return ClassDataSharing.ensureArchive(
                spec.javaHome(), RuntimeClasspath.entries(), ClassDataSharing.cacheDir(spec.cacheDirectory()));
    }

    /** Completes with this worker when it is ready, or fails with {@link WorkerStartException}. */
    public CompletableFuture<Worker> ready() {
        return ready.copy();
    }

    /** The live workers of this JVM (a snapshot). */
    public static List<Worker> live() {
        return LIVE.stream().filter(Worker::isRunning).toList();
    }

    private void spawn() {
        Handshake hs;
        try {
            hs = new Handshake(name);
        } catch (IOException e) {
            throw new WorkerStartException(
                    "cannot open a loopback listener for worker " + name + ": " + e.getMessage(), "", e);
        }
        Path javaExe = OsFamily.current().javaExecutable(spec.javaHome());
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExe.toString());
        // Kiln's own class data sharing flags (none until the archive exists); the spec's flags come after and win.
        if (spec.classDataSharing() && ClassDataSharing.allowedByHost()) {
            cmd.addAll(ClassDataSharing.flagsFor(
                    spec.javaHome(),
                    RuntimeClasspath.entries(),
                    spec.jvmArgs(),
                    ClassDataSharing.cacheDir(spec.cacheDirectory())));
        }
        cmd.addAll(spec.jvmArgs());
        List<String> cp = new ArrayList<>();
        RuntimeClasspath.entries().forEach(p -> cp.add(p.toString()));
        spec.classpath().forEach(p -> cp.add(p.toString()));
        cmd.add("-cp");
        cmd.add(String.join(java.io.File.pathSeparator, cp));
        cmd.add(WorkerMain.class.getName());

        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        Map<String, String> built = WorkerEnvironment.build(System.getenv(), spec.env(), OsFamily.current());
        env.clear();
        env.putAll(built);
        spec.workingDirectory().ifPresent(d -> pb.directory(d.toFile()));
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            hs.close();
            throw new WorkerStartException(
                    "cannot run " + javaExe + ": " + e.getMessage() + ". Check the spec's javaHome (" + spec.javaHome()
                            + ")",
                    "",
                    e);
        }
        process = p;
        startedAt = Instant.now();
        output.setPrefix(name, p.pid());
        LIVE.add(this);
        stdoutPump = pump(p.getInputStream(), StreamKind.STDOUT);
        stderrPump = pump(p.getErrorStream(), StreamKind.STDERR);
        p.onExit().thenRunAsync(this::onProcessExit, BACKGROUND);
        try {
            OutputStream stdin = p.getOutputStream();
            stdin.write(hs.invitation().getBytes(StandardCharsets.US_ASCII));
            stdin.flush(); // stdin stays open: the worker exits when it closes (the host is gone)
        } catch (IOException e) {
            // The process died at once; awaitHandshake reports it with its stderr.
        }
        this.handshake = hs;
        this.spawnNanos = t0;
        this.doorbellName = hs.doorbellName();
        reportUp(WorkerState.STARTING);
    }

    private volatile Handshake handshake;
    private volatile long spawnNanos;

    private void awaitHandshake() {
        Handshake hs = handshake;
        Process p = process;
        try {
            long timeoutNanos = spec.startTimeout().toNanos();
            CompletableFuture.anyOf(hs.accepted(), p.onExit()).get(timeoutNanos, TimeUnit.NANOSECONDS);
            if (!hs.accepted().isDone()) {
                throw startFailure("the worker JVM exited with code " + p.exitValue() + " before connecting", null);
            }
            Socket socket = hs.accepted().get();
            long remainingMs = Math.max(1, (timeoutNanos - (System.nanoTime() - spawnNanos)) / 1_000_000);
            try {
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMs));
                workerHello = WorkerHello.read(new java.io.DataInputStream(socket.getInputStream()));
                socket.setSoTimeout(0);
            } catch (java.net.SocketTimeoutException e) {
                throw new TimeoutException("no hello");
            } catch (IOException e) {
                p.waitFor(1, TimeUnit.SECONDS);
                throw startFailure(
                        "the worker JVM " + (p.isAlive() ? "sent no valid hello" : "exited with code " + p.exitValue())
                                + " right after connecting",
                        e);
            }
            launchTime = Duration.ofNanos(System.nanoTime() - spawnNanos);
            Connection c = new Connection(socket, name, FrameCodec.DEFAULT_MAX_FRAME);
            connection = c;
            c.start(this::onMessage, this::onConnectionClosed);
            if (state.compareAndSet(WorkerState.STARTING, WorkerState.IDLE)) {
                fireState(WorkerState.IDLE);
            }
            ready.complete(this);
        } catch (TimeoutException e) {
            failStart(startFailure(
                    "worker " + name + " did not connect within " + spec.startTimeout()
                            + " and was killed; raise WorkerSpec.startTimeout if the machine is slow",
                    e));
        } catch (WorkerStartException e) {
            failStart(e);
        } catch (Exception e) {
            failStart(startFailure("worker " + name + " failed to start: " + e, e));
        } finally {
            hs.close();
        }
    }

    /** A failed start leaves nothing behind: the process is gone before the caller hears of it. */
    private void failStart(WorkerStartException e) {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
        ready.completeExceptionally(e);
    }

    private WorkerStartException startFailure(String message, Throwable cause) {
        joinPumps(1000);
        WorkerStartException e = new WorkerStartException(message, output.stderrTail());
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    private Thread pump(InputStream in, StreamKind kind) {
        return KilnThreads.start(
                () -> {
                    char[] buf = new char[8192];
                    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                        int n;
                        while ((n = r.read(buf)) > 0) {
                            output.acceptRaw(kind, new String(buf, 0, n));
                        }
                    } catch (IOException ignored) {
                        // the process is gone
                    }
                },
                "kiln-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + name);
    }

    private void joinPumps(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        for (Thread t : new Thread[] {stdoutPump, stderrPump}) {
            if (t != null) {
                try {
                    t.join(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    // ------------------------------------------------------------------ messages

    private void onMessage(Message m) {
        if (m instanceof Message.Output o) {
            output.accept(o.stream(), o.text());
        } else if (m instanceof Message.Result r) {
            complete(r.id(), m);
        } else if (m instanceof Message.Failure f) {
            complete(f.id(), m);
        } else if (m instanceof Message.Stats s) {
            complete(s.id(), m);
        } else if (m instanceof Message.InterruptAck a) {
            complete(a.id(), m);
        } else if (m instanceof Message.ClassRequest cr) {
            BACKGROUND.execute(() -> serveClass(cr));
        } else if (m instanceof Message.Flags f) {
            complete(f.id(), m);
        } else if (m instanceof Message.NestedWorker nw) {
            NestedWorker info =
                    new NestedWorker(nw.pid(), nw.hostPid(), nw.name(), WorkerState.valueOf(nw.state()), nw.exitCode());
            nested.put(nw.pid(), info);
            for (Consumer<NestedWorker> l : nestedListeners) {
                try {
                    l.accept(info);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "a nested-worker listener failed", e);
                }
            }
            WorkerMain.reportToHost(m); // relay deeper levels up to the top host
        } else {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "worker " + name + " sent unexpected " + m.getClass().getSimpleName());
        }
    }

    private void complete(long id, Message m) {
        CompletableFuture<Message> f = pending.remove(id);
        if (f != null) {
            f.complete(m);
        }
    }

    private void serveClass(Message.ClassRequest cr) {
        byte[] bytes = null;
        String path = cr.name();
        if (path.endsWith(".class") && !path.contains("..")) {
            List<ClassLoader> loaders = new ArrayList<>(codeLoaders);
            loaders.add(Thread.currentThread().getContextClassLoader());
            loaders.add(Worker.class.getClassLoader());
            for (ClassLoader l : loaders) {
                if (l == null) {
                    continue;
                }
                try (InputStream in = l.getResourceAsStream(path)) {
                    if (in != null) {
                        bytes = in.readAllBytes();
                        break;
                    }
                } catch (IOException ignored) {
                    // try the next loader
                }
            }
            if (bytes == null) {
                try {
                    bytes = WorkerMain.classBytesForChild(path); // this host is itself a worker: ask its host
                } catch (IOException ignored) {
                    // not found anywhere
                }
            }
        }
        Connection c = connection;
        if (c != null) {
            try {
                c.send(new Message.ClassData(cr.id(), bytes));
            } catch (IOException ignored) {
                // the worker is gone
            }
        }
    }

    private void onConnectionClosed(Throwable reason) {
        if (reason != null && state.get() != WorkerState.EXITED) {
            LOG.log(System.Logger.Level.WARNING, "connection to worker " + name + " closed: " + reason.getMessage());
        }
        // Without its connection a worker is useless: make sure the process ends too.
        Process p = process;
        if (p != null && p.isAlive()) {
            Timers.timer()
                    .schedule(
                            () -> {
                                if (p.isAlive()) {
                                    p.destroyForcibly();
                                }
                            },
                            reason == null ? 1000 : 0,
                            TimeUnit.MILLISECONDS);
        }
    }

    private void onProcessExit() {
        Process p = process;
        int code = p.exitValue();
        joinPumps(500);
        output.flushEcho();
        WorkerTerminatedException ex = terminated(code);
        setState(WorkerState.EXITED);
        for (Long id : List.copyOf(pending.keySet())) {
            CompletableFuture<Message> f = pending.remove(id);
            if (f != null) {
                f.completeExceptionally(ex);
            }
        }
        Connection c = connection;
        if (c != null) {
            c.close();
        }
        try {
            p.getOutputStream().close(); // the stdin pipe: held open while the worker lives, its end marks ours
        } catch (IOException ignored) {
            // already closed
        }
        Evaluator ev = evaluator;
        if (ev != null) {
            ev.close();
        }
        LIVE.remove(this);
        exit.complete(code);
        // A start that fails is reported by awaitHandshake, with the reason; it waits for this exit first.
    }

    private WorkerTerminatedException terminated(int code) {
        return new WorkerTerminatedException(name + " (pid " + pid() + ")", code, output.stderrTail());
    }

    // ------------------------------------------------------------------ requests

    /** Sends a request built for a fresh id; the future completes with the worker's reply. */
    private CompletableFuture<Message> request(LongFunction<Message> build) {
        if (!ready.isDone()) {
            return ready.thenCompose(w -> request(build));
        }
        if (state.get() == WorkerState.EXITED || ready.isCompletedExceptionally()) {
            return CompletableFuture.failedFuture(exitedError());
        }
        long id = ids.incrementAndGet();
        CompletableFuture<Message> f = new CompletableFuture<>();
        pending.put(id, f);
        if (state.get() == WorkerState.EXITED) {
            pending.remove(id);
            f.completeExceptionally(exitedError());
            return f;
        }
        try {
            connection.send(build.apply(id));
        } catch (FrameException e) {
            pending.remove(id);
            f.completeExceptionally(new KilnException("request to worker " + name + " not sent: " + e.getMessage()));
        } catch (IOException e) {
            pending.remove(id);
            f.completeExceptionally(
                    exit.isDone()
                            ? exitedError()
                            : new WorkerTerminatedException(
                                    name + " (pid " + pid() + ")", Integer.MIN_VALUE, output.stderrTail()));
        }
        return f;
    }

    /**
     * Warms a worker that waits to be handed out (a {@link WorkerPool} spare): loads and runs a
     * stand-in snippet class through its snippet engine and makes one trivial call, so that the
     * first evaluation and the first call of whoever takes it find both paths loaded. Not a user
     * request: the state stays IDLE. The future completes (never exceptionally) when done;
     * a failure only means the first request will be slower.
     */
    CompletableFuture<Void> warmUp() {
        byte[] bytes;
        try (InputStream in = Worker.class.getResourceAsStream(EngineWarmUp.RESOURCE)) {
            if (in == null) {
                return CompletableFuture.completedFuture(null);
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            return CompletableFuture.completedFuture(null);
        }
        String className = EngineWarmUp.class.getName();
        byte[] call = serialize((RemoteCallable<Object>) EngineWarmUp::run);
        return request(id -> new Message.Load(id, new ClassBytes[] {new ClassBytes(className, bytes)}))
                .thenCompose(r -> request(id -> new Message.Invoke(id, className, "run", false)))
                .thenCompose(r -> request(id -> new Message.Call(id, call, false)))
                .handle((r, e) -> null);
    }

    private KilnException exitedError() {
        if (ready.isCompletedExceptionally() && !exit.isDone()) {
            return new WorkerStartException("worker " + name + " failed to start", output.stderrTail());
        }
        Integer code = exit.getNow(Integer.MIN_VALUE);
        return terminated(code);
    }

    /** Counts a user request (eval or call) for the IDLE/BUSY state. */
    private <T> CompletableFuture<T> tracked(CompletableFuture<T> f) {
        if (busy.incrementAndGet() == 1 && state.compareAndSet(WorkerState.IDLE, WorkerState.BUSY)) {
            fireState(WorkerState.BUSY);
        }
        f.whenComplete((r, e) -> {
            if (busy.decrementAndGet() == 0 && state.compareAndSet(WorkerState.BUSY, WorkerState.IDLE)) {
                fireState(WorkerState.IDLE);
            }
        });
        return f;
    }

    private static Object valueOrThrow(Message reply, ClassLoader loader, String what) {
        if (reply instanceof Message.Result r) {
            return ValueCodec.fromWire(r.value(), loader);
        }
        Message.Failure f = (Message.Failure) reply;
        if (f.kind() == FailureKind.STOPPED) {
            throw new EvaluationInterruptedException(what + " was interrupted");
        }
        if (f.kind() == FailureKind.BAD_REQUEST) {
            throw new KilnException(f.message());
        }
        throw new RemoteException(f.className(), f.message(), f.stackTrace());
    }

    // ------------------------------------------------------------------ calls

    /**
     * Runs a lambda in the worker and returns its value. The lambda's class must be on the
     * worker's class path or loadable from the host (classes the worker lacks are fetched
     * from the host on demand); what it captures must be serializable.
     */
    public <R> R callFetch(RemoteCallable<R> task) {
        return await(call(task));
    }

    /** Runs a lambda in the worker and waits for it to finish. */
    public void callWait(RemoteRunnable task) {
        await(sendCall(task, false));
    }

    /** Runs a lambda in the worker; the future completes with its value. */
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> call(RemoteCallable<R> task) {
        return (CompletableFuture<R>) sendCall(task, false);
    }

    /** Runs a lambda in the worker without waiting; a failure is printed on the worker's stderr. */
    public void callDo(RemoteRunnable task) {
        sendCall(task, true);
    }

    private CompletableFuture<Object> sendCall(Object task, boolean fireAndForget) {
        byte[] payload;
        try {
            payload = serialize(task);
        } catch (IllegalArgumentException e) {
            if (fireAndForget) {
                throw e;
            }
            return CompletableFuture.failedFuture(e);
        }
        ClassLoader loader = task.getClass().getClassLoader();
        if (loader != null) {
            codeLoaders.add(loader);
        }
        if (fireAndForget) {
            // Nothing waits for a reply: the worker sends none.
            sendOneWay(payload);
            return CompletableFuture.completedFuture(null);
        }
        return tracked(request(id -> new Message.Call(id, payload, false))
                .thenApply(reply -> valueOrThrow(reply, loader, "the call")));
    }

    private void sendOneWay(byte[] payload) {
        CompletableFuture<Worker> r = ready.isDone() ? CompletableFuture.completedFuture(this) : ready;
        await(r.thenAccept(w -> {
            Connection c = connection;
            if (c == null || state.get() == WorkerState.EXITED) {
                throw exitedError();
            }
            try {
                c.send(new Message.Call(ids.incrementAndGet(), payload, true));
            } catch (IOException e) {
                throw exitedError();
            }
        }));
    }

    /**
     * Serialized forms of lambdas that capture nothing: such a lambda's bytes depend only on
     * its class, so they are made once per class (a ClassValue: the class can still unload).
     */
    private static final ClassValue<AtomicReference<byte[]>> STATELESS_FORMS = new ClassValue<>() {
        @Override
        protected AtomicReference<byte[]> computeValue(Class<?> type) {
            return new AtomicReference<>();
        }
    };

    private static byte[] serialize(Object task) {
        if (!CapturesNothing.test(task.getClass())) {
            return serializeNow(task);
        }
        AtomicReference<byte[]> form = STATELESS_FORMS.get(task.getClass());
        byte[] b = form.get();
        if (b == null) {
            b = serializeNow(task);
            form.set(b);
        }
        return b; // never written to: Message.Call only reads its payload
    }

    private static byte[] serializeNow(Object task) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(task);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(
                    "the lambda captures a " + e.getMessage()
                            + ", which is not Serializable: capture only serializable values (or make that class Serializable)",
                    e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the lambda cannot be serialized: " + e, e);
        }
        return bytes.toByteArray();
    }

    // ------------------------------------------------------------------ evaluation

    /**
     * Evaluates Java source in the worker and returns the value of its last snippet.
     * The source may hold several snippets ({@code "int a = 2; a * 21"} is 42); declarations
     * persist across evaluations; the jshell tool's default imports are in place.
     *
     * @throws CompilationException            if it does not compile (nothing of it ran)
     * @throws RemoteException                 if it threw in the worker
     * @throws EvaluationInterruptedException  if {@link #interrupt()} stopped it
     * @throws WorkerTerminatedException       if the worker died
     */
    public Object evalFetch(String source) {
        return await(eval(source));
    }

    /** As {@link #evalFetch(String)}, checking the value's type (primitive classes mean their boxes). */
    public <T> T evalFetch(String source, Class<T> type) {
        Object v = evalFetch(source);
        Class<?> boxed = box(type);
        if (v != null && !boxed.isInstance(v)) {
            throw new ClassCastException("the snippet's value is a " + describeType(v) + ", not a " + type.getName()
                    + (v instanceof RemoteValue ? "; only plain data crosses as itself" : ""));
        }
        @SuppressWarnings("unchecked")
        T t = (T) v;
        return t;
    }

    /** Evaluates Java source in the worker and waits for it, discarding the value. */
    public void evalWait(String source) {
        await(eval(source));
    }

    /** Evaluates Java source in the worker; the future completes with the value of its last snippet. */
    public CompletableFuture<Object> eval(String source) {
        return evaluate(source).thenApply(EvalResult::value);
    }

    /** Evaluates Java source in the worker; the future gives the value, jshell's display text and the duration. */
    public CompletableFuture<EvalResult> evaluate(String source) {
        if (source == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("source is null"));
        }
        if (state.get() == WorkerState.EXITED) {
            return CompletableFuture.failedFuture(exitedError());
        }
        CompletableFuture<Worker> r = ready.isDone() ? CompletableFuture.completedFuture(this) : ready;
        return tracked(r.thenCompose(w -> evaluator().evaluate(source)));
    }

    /**
     * Completion candidates at {@code cursor} in {@code source}, with the worker's own
     * declarations in scope (JShell's source analysis).
     */
    public CompletableFuture<List<Completion>> completions(String source, int cursor) {
        CompletableFuture<Worker> r = ready.isDone() ? CompletableFuture.completedFuture(this) : ready;
        return r.thenCompose(w -> evaluator().complete(source, cursor));
    }

    private Evaluator evaluator() {
        Evaluator ev = evaluator;
        if (ev == null) {
            synchronized (evaluatorLock) {
                ev = evaluator;
                if (ev == null) {
                    if (state.get() == WorkerState.EXITED) {
                        throw exitedError();
                    }
                    ClassLoader loader = Thread.currentThread().getContextClassLoader();
                    evaluator = ev = Evaluator.create(
                            name,
                            new RequestChannel() {
                                @Override
                                public CompletableFuture<Message> request(LongFunction<Message> build) {
                                    return Worker.this.request(build);
                                }

                                @Override
                                public void interrupt() {
                                    Worker.this.interrupt();
                                }
                            },
                            spec.classpath(),
                            loader != null ? loader : Worker.class.getClassLoader());
                }
            }
        }
        return ev;
    }

    // ------------------------------------------------------------------ control

    /**
     * Stops the running evaluation and calls without killing the worker: they fail with
     * {@link EvaluationInterruptedException}; queued evaluations then run as usual.
     * Does nothing when the worker is idle or gone.
     */
    public void interrupt() {
        if (!ready.isDone() || state.get() == WorkerState.EXITED) {
            return;
        }
        Evaluator ev = evaluator;
        if (ev != null && busy.get() > 0) {
            ev.interruptPending();
        }
        Connection c = connection;
        if (c == null) {
            return;
        }
        long id = ids.incrementAndGet();
        CompletableFuture<Message> ack = new CompletableFuture<>();
        pending.put(id, ack);
        try {
            c.send(new Message.Interrupt(id));
        } catch (IOException e) {
            pending.remove(id);
            return; // the worker is gone; its exit fails what was pending
        }
        // No confirmation in time: the control path is stuck or held back. Ring the OS doorbell.
        Timers.timer()
                .schedule(
                        () -> {
                            if (pending.remove(id) != null && state.get() != WorkerState.EXITED) {
                                ringDoorbell();
                            }
                        },
                        INTERRUPT_GRACE.toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    private void ringDoorbell() {
        try {
            DOORBELL.ring(pid(), doorbellName);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "cannot ring the interrupt doorbell of worker " + name + ": " + e);
        }
    }

    /** Test-only: make the worker ignore interrupt messages, so that only the OS doorbell can stop code. */
    void holdBackControlPath(boolean hold) {
        await(ready());
        try {
            connection.send(new Message.IgnoreInterrupts(hold));
        } catch (IOException e) {
            throw exitedError();
        }
    }

    /** True until the process has exited (STARTING, IDLE, BUSY, STOPPING). */
    public boolean isRunning() {
        return state.get() != WorkerState.EXITED;
    }

    public WorkerState state() {
        return state.get();
    }

    /**
     * Stops the worker gracefully: a shutdown request, then TERM, then KILL, each with a
     * bounded wait. Pending requests fail with {@link WorkerTerminatedException}.
     *
     * @return false if the worker was not running (already stopped or stopping)
     */
    public boolean stop() {
        WorkerState s = state.get();
        if (s == WorkerState.EXITED || s == WorkerState.STOPPING) {
            awaitExit(STOP_GRACE.multipliedBy(3));
            return false;
        }
        if (!state.compareAndSet(s, WorkerState.STOPPING)) {
            return stop();
        }
        fireState(WorkerState.STOPPING);
        Process p = process;
        Connection c = connection;
        if (c != null && ready.isDone()) {
            try {
                c.send(new Message.Shutdown());
            } catch (IOException ignored) {
                // already gone: TERM/KILL below
            }
            if (awaitExit(STOP_GRACE)) {
                return true;
            }
        }
        if (p != null) {
            p.destroy();
            if (awaitExit(STOP_GRACE)) {
                return true;
            }
            p.destroyForcibly();
        }
        awaitExit(Duration.ofSeconds(10));
        return true;
    }

    /** Kills the process at once (SIGKILL / TerminateProcess) and waits for it to be gone. */
    public void kill() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
        }
        awaitExit(Duration.ofSeconds(10));
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Completes with the exit code when the process has exited. */
    public CompletableFuture<Integer> onExit() {
        return exit.copy();
    }

    private boolean awaitExit(Duration d) {
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

    /** The display name ({@code worker-1} unless the spec names it). */
    public String name() {
        return name;
    }

    /** The process id, known from spawn on. */
    public long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    /** The spec it was started with ({@code Worker.start(w.spec())} starts a twin). */
    public WorkerSpec spec() {
        return spec;
    }

    /** Spawn to authenticated connection; null until the worker is ready. */
    public Duration launchTime() {
        return launchTime;
    }

    /** When the process was spawned. */
    public Instant startedAt() {
        return startedAt;
    }

    /** The worker JVM's {@code java.version}, once ready. */
    public Optional<String> javaVersion() {
        return Optional.ofNullable(workerHello).map(WorkerHello::javaVersion);
    }

    /** The worker JVM's {@code java.home}, once ready. */
    public Optional<String> javaHome() {
        return Optional.ofNullable(workerHello).map(WorkerHello::javaHome);
    }

    /**
     * The flags the worker JVM reports it was started with (its RuntimeMXBean's input
     * arguments); empty before it is ready, or when it does not answer within 5 s. The first
     * call asks the worker (a round trip, answered even while it is busy); later calls return
     * what it said. See {@link #inputArgumentsAsync()} to not wait.
     */
    public List<String> inputArguments() {
        if (!ready.isDone() || ready.isCompletedExceptionally()) {
            return List.of();
        }
        try {
            return inputArgumentsAsync().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | TimeoutException e) {
            return List.of();
        }
    }

    /**
     * The flags the worker JVM reports it was started with, once it is ready: asked for once,
     * then kept. Fails if the worker does not start or exits before it answers.
     */
    public CompletableFuture<List<String>> inputArgumentsAsync() {
        CompletableFuture<List<String>> f = flags.get();
        if (f != null) {
            return f;
        }
        CompletableFuture<List<String>> mine = new CompletableFuture<>();
        if (!flags.compareAndSet(null, mine)) {
            return flags.get();
        }
        request(Message.FlagsRequest::new).whenComplete((reply, e) -> {
            if (e != null) {
                mine.completeExceptionally(e);
            } else if (reply instanceof Message.Flags fl && fl.inputArguments() != null) {
                List<String> args = new ArrayList<>();
                for (String a : fl.inputArguments()) {
                    args.add(String.valueOf(a));
                }
                mine.complete(List.copyOf(args));
            } else {
                mine.completeExceptionally(new KilnException("worker " + name + " answered its flags request with "
                        + reply.getClass().getSimpleName()));
            }
        });
        return mine;
    }

    /** The last lines the worker wrote on stderr. */
    public String stderrTail() {
        return output.stderrTail();
    }

    /**
     * Samples resident memory (from the OS), CPU time, and the worker's heap, threads and
     * GC figures. Answered by the worker's control thread, so it works while code runs.
     */
    public WorkerStats stats() {
        return await(statsAsync());
    }

    /** As {@link #stats()}, without blocking. */
    public CompletableFuture<WorkerStats> statsAsync() {
        return request(Message.StatsRequest::new).thenApply(reply -> {
            Message.Stats s = (Message.Stats) reply;
            long pid = pid();
            long rss = METRICS.rssBytes(pid);
            Duration cpu = s.cpuNanos() >= 0
                    ? Duration.ofNanos(s.cpuNanos())
                    : process.info().totalCpuDuration().orElse(Duration.ZERO);
            return new WorkerStats(
                    Instant.now(),
                    rss,
                    s.heapUsed(),
                    s.heapCommitted(),
                    s.heapMax(),
                    s.nonHeapUsed(),
                    cpu,
                    s.threads(),
                    s.gcCount(),
                    Duration.ofMillis(s.gcTimeMillis()));
        });
    }

    /**
     * Delivers a {@link WorkerStats} sample every {@code period} (on a Kiln thread) until the
     * subscription is closed or the worker exits. A sample still in flight is not doubled up.
     */
    public Subscription onStats(Duration period, Consumer<WorkerStats> listener) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("stats period must be positive, got " + period);
        }
        AtomicBoolean inFlight = new AtomicBoolean();
        AtomicBoolean cancelled = new AtomicBoolean();
        Runnable sample = () -> {
            if (cancelled.get()
                    || !ready.isDone()
                    || state.get() == WorkerState.EXITED
                    || !inFlight.compareAndSet(false, true)) {
                return;
            }
            statsAsync().whenComplete((s, e) -> {
                inFlight.set(false);
                if (s != null && !cancelled.get()) {
                    try {
                        listener.accept(s);
                    } catch (RuntimeException ex) {
                        LOG.log(System.Logger.Level.WARNING, "a stats listener failed", ex);
                    }
                }
            });
        };
        ScheduledFuture<?> task = Timers.timer().scheduleAtFixedRate(sample, 0, period.toNanos(), TimeUnit.NANOSECONDS);
        Subscription sub = () -> {
            cancelled.set(true);
            task.cancel(false);
        };
        exit.whenComplete((c, e) -> sub.close());
        return sub;
    }

    /**
     * Binds a {@link java.util.concurrent.BlockingQueue} created in the worker by the given
     * expression, e.g. {@code channel("new java.util.concurrent.ArrayBlockingQueue<Integer>(20)")}.
     *
     * @throws RemoteException if the expression does not evaluate to a BlockingQueue
     */
    public <T> RemoteChannel<T> channel(String source) {
        CompletableFuture<Worker> r = ready.isDone() ? CompletableFuture.completedFuture(this) : ready;
        long id = await(tracked(r.thenCompose(w -> evaluator().channel(source))));
        return new RemoteChannelImpl<>(this, id);
    }

    /** Workers started inside this worker, or deeper, with their last known state (exited ones included). */
    public List<NestedWorker> nestedWorkers() {
        return List.copyOf(nested.values());
    }

    /** Receives every change of a nested worker (started, state change, exit), on the connection's thread. */
    public Subscription onNestedChange(Consumer<NestedWorker> listener) {
        nestedListeners.add(listener);
        return () -> nestedListeners.remove(listener);
    }

    // ------------------------------------------------------------------ listeners

    /** Receives the worker's output (stdout and stderr, as forwarded and as read from its pipes). */
    public Subscription onOutput(Consumer<OutputChunk> listener) {
        return output.subscribe(listener);
    }

    /** Receives every state change, on the thread that caused it. */
    public Subscription onStateChange(Consumer<WorkerState> listener) {
        stateListeners.add(listener);
        return () -> stateListeners.remove(listener);
    }

    private void setState(WorkerState s) {
        WorkerState old = state.getAndSet(s);
        if (old != s) {
            fireState(s);
        }
    }

    private void fireState(WorkerState s) {
        reportUp(s);
        for (Consumer<WorkerState> l : stateListeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a state listener failed", e);
            }
        }
    }

    /** When this JVM is itself a worker, tells its host about this (nested) worker. */
    private void reportUp(WorkerState s) {
        if (WorkerMain.agent() != null) {
            Process p = process;
            int code = s == WorkerState.EXITED && p != null && !p.isAlive() ? p.exitValue() : -1;
            WorkerMain.reportToHost(
                    new Message.NestedWorker(pid(), ProcessHandle.current().pid(), name, s.name(), code));
        }
    }

    @Override
    public String toString() {
        return "Worker[" + name + ", pid " + pid() + ", " + state.get() + "]";
    }

    // ------------------------------------------------------------------ helpers

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KilnException("interrupted while waiting for the worker", e);
        } catch (ExecutionException e) {
            Throwable c = KilnException.unwrap(e);
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new KilnException(String.valueOf(c), c);
        }
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == int.class) {
            return Integer.class;
        }
        if (c == long.class) {
            return Long.class;
        }
        if (c == double.class) {
            return Double.class;
        }
        if (c == boolean.class) {
            return Boolean.class;
        }
        if (c == float.class) {
            return Float.class;
        }
        if (c == char.class) {
            return Character.class;
        }
        if (c == short.class) {
            return Short.class;
        }
        if (c == byte.class) {
            return Byte.class;
        }
        return Void.class;
    }

    private static String describeType(Object v) {
        return v instanceof RemoteValue rv ? rv.typeName() : v.getClass().getName();
    }
}
