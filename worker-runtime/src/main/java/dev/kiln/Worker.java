package dev.kiln;

import dev.kiln.concurrent.KilnThreads;
import dev.kiln.concurrent.Timers;
import dev.kiln.eval.Evaluator;
import dev.kiln.eval.RequestChannel;
import dev.kiln.host.CallPayloads;
import dev.kiln.host.InterruptEscalation;
import dev.kiln.host.NestedRelay;
import dev.kiln.host.OutputRouter;
import dev.kiln.host.Periodic;
import dev.kiln.host.WorkerLink;
import dev.kiln.launch.ClassDataSharing;
import dev.kiln.launch.LaunchException;
import dev.kiln.launch.LaunchRequest;
import dev.kiln.launch.LocalLauncher;
import dev.kiln.launch.RuntimeClasspath;
import dev.kiln.launch.WorkerLauncher;
import dev.kiln.platform.OsFamily;
import dev.kiln.wire.ClassBytes;
import dev.kiln.wire.Message;
import dev.kiln.wire.StdStream;
import dev.kiln.wire.WorkerHello;
import dev.kiln.worker.EngineWarmUp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    /** How long the worker has to confirm an interrupt message before the host rings the OS doorbell. */
    static final Duration INTERRUPT_GRACE = Duration.ofMillis(250);

    private static final WorkerLauncher LAUNCHER = new LocalLauncher(OsFamily.current());
    private static final InterruptEscalation INTERRUPTS = new InterruptEscalation(
            INTERRUPT_GRACE, Timers.timer(), Executors.newCachedThreadPool(KilnThreads.factory("kiln-interrupt-")));

    private final WorkerSpec spec;
    private final String name;
    private final OutputRouter output;
    private final Lifecycle lifecycle;
    /** Null when the process could not be started at all. */
    private final WorkerLink link;

    private final CompletableFuture<Worker> ready = new CompletableFuture<>();
    private final CompletableFuture<Integer> exit;
    private final AtomicReference<CompletableFuture<List<String>>> flags = new AtomicReference<>();
    private final Object evaluatorLock = new Object();
    private volatile Evaluator evaluator;
    private volatile WorkerHello hello;

    private Worker(WorkerSpec spec, String name, WorkerLauncher.Launch launch, WorkerStartException notStarted) {
        this.spec = spec;
        this.name = name;
        this.output = new OutputRouter(spec.echoOutput());
        this.lifecycle = new Lifecycle(this::reportUp);
        if (launch == null) {
            link = null;
            exit = CompletableFuture.completedFuture(-1);
            ready.completeExceptionally(notStarted);
            lifecycle.set(WorkerState.EXITED);
            return;
        }
        link = new WorkerLink(
                name,
                launch.process(),
                launch.spawnNanos(),
                launch.connection(),
                launch.doorbellName(),
                launch.listener(),
                spec.startTimeout(),
                output,
                Replies.failures(name, this::pid),
                this::exited);
        exit = link.exit();
        LiveWorkers.add(this);
        lifecycle.report();
        link.ready().whenComplete((h, e) -> {
            if (e != null) {
                ready.completeExceptionally(KilnException.unwrap(e));
                return;
            }
            hello = h;
            lifecycle.move(WorkerState.STARTING, WorkerState.IDLE);
            ready.complete(this);
        });
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
        String name = spec.name().orElseGet(() -> "worker-" + NAMES.incrementAndGet());
        try {
            return new Worker(spec, name, LAUNCHER.launch(launchRequest(spec, name)), null);
        } catch (LaunchException e) {
            return new Worker(spec, name, null, new WorkerStartException(e.getMessage(), "", e.getCause()));
        }
    }

    private static LaunchRequest launchRequest(WorkerSpec spec, String name) {
        return new LaunchRequest(
                name,
                spec.javaHome(),
                spec.jvmArgs(),
                spec.env(),
                spec.classpath(),
                spec.workingDirectory(),
                spec.classDataSharing(),
                ClassDataSharing.cacheDir(spec.cacheDirectory()),
                spec.startTimeout());
    }

    /**
     * Builds the class data sharing archive that workers of this spec use (or finds it built), so
     * that the next start uses it: a program that starts workers later, or a packaging step, calls
     * this ahead. Without it the first start builds the archive in the background. Completes with
     * the archive, or empty when class data sharing does not apply (turned off, a JDK older than 13,
     * a runtime from class folders) or the build failed.
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
        return LiveWorkers.running();
    }

    /** The process has exited: the state says so before any pending request fails. */
    private void exited() {
        lifecycle.set(WorkerState.EXITED);
        Evaluator ev = evaluator;
        if (ev != null) {
            ev.close();
        }
        LiveWorkers.remove(this);
    }

    /** The host JVM is exiting: its workers go first. */
    void killAtHostExit() {
        if (link != null) {
            link.process().kill();
        }
    }

    /** When this JVM is itself a worker, tells its host about this (nested) worker. */
    private void reportUp(WorkerState s) {
        int code = s == WorkerState.EXITED && link != null
                ? link.process().onExit().getNow(-1)
                : -1;
        NestedRelay.reportUp(
                new Message.NestedWorker(pid(), ProcessHandle.current().pid(), name, s.name(), code));
    }

    // ------------------------------------------------------------------ requests

    private CompletableFuture<Message> request(LongFunction<Message> build) {
        return link == null ? CompletableFuture.failedFuture(gone()) : link.request(build);
    }

    private CompletableFuture<Worker> whenReady() {
        return ready.isDone() ? CompletableFuture.completedFuture(this) : ready;
    }

    /**
     * Warms a worker that waits to be handed out (a {@link WorkerPool} spare): builds its
     * host-side JShell, runs a stand-in snippet class through its snippet engine and makes one
     * trivial call, so that the first evaluation and the first call of whoever takes it find
     * everything loaded. Not a user request: the state stays IDLE. The future completes (never
     * exceptionally) when done; a failure only means the first request will be slower.
     */
    CompletableFuture<Void> warmUp() {
        String className = EngineWarmUp.class.getName();
        ClassBytes[] classes = {new ClassBytes(className, EngineWarmUp.classFile())};
        byte[] call = CallPayloads.of((RemoteCallable<Object>) EngineWarmUp::run);
        CompletableFuture<?> engine = whenReady()
                .thenCompose(w -> request(id -> new Message.Load(id, classes)))
                .thenCompose(r -> request(id -> new Message.Invoke(id, className, "run", false)))
                .thenCompose(r -> request(id -> new Message.Call(id, call, false)));
        CompletableFuture<?> jshell = whenReady().thenCompose(w -> evaluator().prepare());
        return CompletableFuture.allOf(engine, jshell).handle((r, e) -> null);
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
            payload = CallPayloads.of(task);
        } catch (IllegalArgumentException e) {
            return fail(e, fireAndForget);
        }
        if (link == null) {
            return fail(gone(), fireAndForget);
        }
        ClassLoader loader = task.getClass().getClassLoader();
        link.classes().addLoader(loader);
        if (fireAndForget) {
            // Nothing waits for a reply: the worker sends none.
            await(link.sendOneWay(id -> new Message.Call(id, payload, true)));
            return CompletableFuture.completedFuture(null);
        }
        return lifecycle.tracked(request(id -> new Message.Call(id, payload, false))
                .thenApply(reply -> Replies.valueOrThrow(reply, loader, "the call")));
    }

    /** A call that cannot be made: thrown at once when nothing waits for it, else a failed future. */
    private static CompletableFuture<Object> fail(RuntimeException e, boolean fireAndForget) {
        if (fireAndForget) {
            throw e;
        }
        return CompletableFuture.failedFuture(e);
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
        return Replies.as(evalFetch(source), type);
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
        if (lifecycle.get() == WorkerState.EXITED) {
            return CompletableFuture.failedFuture(gone());
        }
        return lifecycle.tracked(evaluator(e -> e.evaluate(source)).thenApply(Replies::result));
    }

    /**
     * Completion candidates at {@code cursor} in {@code source}, with the worker's own
     * declarations in scope (JShell's source analysis).
     */
    public CompletableFuture<List<Completion>> completions(String source, int cursor) {
        return evaluator(e -> e.complete(source, cursor))
                .thenApply(list -> list.stream().map(Replies::completion).toList());
    }

    /** Runs {@code action} on this worker's evaluator once it is ready; evaluation failures become API exceptions. */
    private <T> CompletableFuture<T> evaluator(java.util.function.Function<Evaluator, CompletableFuture<T>> action) {
        CompletableFuture<T> out = new CompletableFuture<>();
        whenReady().thenCompose(w -> action.apply(evaluator())).whenComplete((v, e) -> {
            if (e == null) {
                out.complete(v);
            } else {
                out.completeExceptionally(Replies.evaluationFailure(e));
            }
        });
        return out;
    }

    private Evaluator evaluator() {
        Evaluator ev = evaluator;
        if (ev == null) {
            synchronized (evaluatorLock) {
                ev = evaluator;
                if (ev == null) {
                    if (lifecycle.get() == WorkerState.EXITED) {
                        throw gone();
                    }
                    ClassLoader context = Thread.currentThread().getContextClassLoader();
                    ClassLoader values = context != null ? context : Worker.class.getClassLoader();
                    evaluator = ev = new Evaluator(
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
                            data -> Replies.decode(data, values));
                }
            }
        }
        return ev;
    }

    // ------------------------------------------------------------------ control

    /**
     * Stops the running evaluation and calls without killing the worker: they fail with
     * {@link EvaluationInterruptedException}; queued evaluations then run as usual.
     * Does nothing when the worker is idle or gone. Never waits for the worker: a control
     * message first, then, without a confirmation within 250 ms, the OS doorbell.
     */
    public void interrupt() {
        if (!ready.isDone() || ready.isCompletedExceptionally() || lifecycle.get() == WorkerState.EXITED) {
            return;
        }
        Evaluator ev = evaluator;
        if (ev != null && lifecycle.busy() > 0) {
            ev.interruptPending();
        }
        INTERRUPTS.interrupt(() -> link.request(Message.Interrupt::new), this::ringDoorbell, this::isRunning);
    }

    private void ringDoorbell() {
        try {
            link.process().ringDoorbell(link.doorbellName());
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "cannot ring the interrupt doorbell of worker " + name + ": " + e);
        }
    }

    /** True until the process has exited (STARTING, IDLE, BUSY, STOPPING). */
    public boolean isRunning() {
        return lifecycle.get() != WorkerState.EXITED;
    }

    public WorkerState state() {
        return lifecycle.get();
    }

    /**
     * Stops the worker gracefully: a shutdown request, then TERM, then KILL, each with a
     * bounded wait. Pending requests fail with {@link WorkerTerminatedException}.
     *
     * @return false if the worker was not running (already stopped or stopping)
     */
    public boolean stop() {
        WorkerState s = lifecycle.get();
        if (s == WorkerState.EXITED || s == WorkerState.STOPPING) {
            awaitExit(STOP_GRACE.multipliedBy(3));
            return false;
        }
        if (!lifecycle.move(s, WorkerState.STOPPING)) {
            return stop();
        }
        link.stop(STOP_GRACE);
        return true;
    }

    /** Kills the process at once (SIGKILL / TerminateProcess) and waits for it to be gone. */
    public void kill() {
        if (link != null) {
            link.kill();
        }
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

    private void awaitExit(Duration d) {
        if (link != null) {
            link.awaitExit(d);
        }
    }

    private RuntimeException gone() {
        return link == null ? (RuntimeException) ready.handle((w, e) -> e).join() : link.gone();
    }

    // ------------------------------------------------------------------ facts

    /** The display name ({@code worker-1} unless the spec names it). */
    public String name() {
        return name;
    }

    /** The process id, known from spawn on; -1 when the process could not be started. */
    public long pid() {
        return link == null ? -1 : link.process().pid();
    }

    /** The spec it was started with ({@code Worker.start(w.spec())} starts a twin). */
    public WorkerSpec spec() {
        return spec;
    }

    /** Spawn to authenticated connection; null until the worker is ready. */
    public Duration launchTime() {
        return link == null ? null : link.launchTime();
    }

    /** When the process was spawned. */
    public Instant startedAt() {
        return link == null ? null : link.startedAt();
    }

    /** The worker JVM's {@code java.version}, once ready. */
    public Optional<String> javaVersion() {
        return Optional.ofNullable(hello).map(WorkerHello::javaVersion);
    }

    /** The worker JVM's {@code java.home}, once ready. */
    public Optional<String> javaHome() {
        return Optional.ofNullable(hello).map(WorkerHello::javaHome);
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
        CompletableFuture<List<String>> mine = new CompletableFuture<>();
        if (!flags.compareAndSet(null, mine)) {
            return flags.get();
        }
        request(Message.FlagsRequest::new).whenComplete((reply, e) -> {
            if (e != null) {
                mine.completeExceptionally(KilnException.unwrap(e));
            } else if (reply instanceof Message.Flags fl && fl.inputArguments() != null) {
                mine.complete(List.of(fl.inputArguments()));
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
            Duration cpu = s.cpuNanos() >= 0
                    ? Duration.ofNanos(s.cpuNanos())
                    : link.process().cpuTime().orElse(Duration.ZERO);
            return new WorkerStats(
                    Instant.now(),
                    link.process().residentBytes(),
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
        Runnable cancel = Periodic.every(
                period,
                Timers.timer(),
                () -> ready.isDone() && lifecycle.get() != WorkerState.EXITED,
                this::statsAsync,
                listener);
        Subscription sub = cancel::run;
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
        long id = await(lifecycle.tracked(evaluator(e -> e.channel(source))));
        return new RemoteChannelImpl<>(this, id);
    }

    /** Workers started inside this worker, or deeper, with their last known state (exited ones included). */
    public List<NestedWorker> nestedWorkers() {
        return link == null
                ? List.of()
                : link.nested().all().stream().map(Worker::nested).toList();
    }

    /** Receives every change of a nested worker (started, state change, exit), on the connection's thread. */
    public Subscription onNestedChange(Consumer<NestedWorker> listener) {
        return link == null ? () -> {} : link.nested().subscribe(m -> listener.accept(nested(m)))::run;
    }

    private static NestedWorker nested(Message.NestedWorker m) {
        return new NestedWorker(m.pid(), m.hostPid(), m.name(), WorkerState.valueOf(m.state()), m.exitCode());
    }

    // ------------------------------------------------------------------ listeners

    /** Receives the worker's output (stdout and stderr, as forwarded and as read from its pipes). */
    public Subscription onOutput(Consumer<OutputChunk> listener) {
        return output.subscribe((stream, text, at) -> listener.accept(
                new OutputChunk(stream == StdStream.STDOUT ? StreamKind.STDOUT : StreamKind.STDERR, text, at)))::run;
    }

    /** Receives every state change, on the thread that caused it. */
    public Subscription onStateChange(Consumer<WorkerState> listener) {
        return lifecycle.subscribe(listener);
    }

    @Override
    public String toString() {
        return "Worker[" + name + ", pid " + pid() + ", " + lifecycle.get() + "]";
    }

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
}
