package dev.kiln;

import dev.kiln.eval.Evaluator;
import dev.kiln.host.WorkerLink;
import dev.kiln.wire.WorkerHello;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

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
 * <p>Values come back as data (primitives, strings, collections, java.time...; see {@link RemoteValue}
 * for what else comes, and how). The host never instantiates a class just because the worker named it.
 *
 * <p>Thread-safe. Evaluations run one at a time in submission order; calls run concurrently
 * beside them. A worker whose process dies fails its pending requests at once with
 * {@link WorkerTerminatedException}. Workers never outlive their host.
 */
public final class Worker implements AutoCloseable {
    private final WorkerSpec spec;
    private final String name;
    private final Lifecycle lifecycle;
    private final WorkerLink link;
    private final CompletableFuture<Worker> ready = new CompletableFuture<>();
    private final Evaluations evaluations;
    private final Calls calls;
    private final Stdin stdin;
    private final Introspection introspection;
    private final UserClasspath classpath;

    private Worker(WorkerSpec spec, Launches.Launch launch) {
        this.spec = spec;
        this.name = launch.name();
        this.lifecycle = new Lifecycle(name, launch.process().process());
        WorkerLink.Failures failures = Replies.failures(name, this::pid);
        this.link = new WorkerLink(
                name, launch.process(), spec.startTimeout(), spec.echoOutput(), failures, lifecycle::exited);
        this.evaluations = Evaluations.of(name, launch.classpath(), link, this::interrupt, ready);
        this.calls = new Calls(link, lifecycle);
        this.stdin = new Stdin(link);
        this.introspection = new Introspection(link, evaluations::declared);
        this.classpath = new UserClasspath(launch.classpath(), spec, link, evaluations);
        lifecycle.begin(this, link, ready, evaluations::close);
    }

    /** Starts a worker with default settings and waits until it is ready. */
    public static Worker start() {
        return start(WorkerSpec.defaults());
    }

    /** Starts a worker and waits until it is ready (IDLE), or throws {@link WorkerStartException} saying why not. */
    public static Worker start(WorkerSpec spec) {
        return Replies.await(startAsync(spec));
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
     * Resolves the spec's {@link WorkerSpec#dependencies() dependencies} (on the calling thread), spawns a worker and
     * returns at once, STARTING (its PID known); requests wait until it is {@link #ready()}.
     */
    public static Worker launch(WorkerSpec spec) {
        return new Worker(spec, Launches.launch(spec));
    }

    /** Builds ahead the archive of {@link WorkerSpec#classDataSharing()} for this spec; empty if none applies. */
    public static CompletableFuture<Optional<Path>> prepareClassDataSharing(WorkerSpec spec) {
        return Launches.prepareClassDataSharing(spec);
    }

    /** Completes with this worker when it is ready, or fails with {@link WorkerStartException}. */
    public CompletableFuture<Worker> ready() {
        return ready.copy();
    }

    /** The live workers of this JVM (a snapshot). */
    public static List<Worker> live() {
        return LiveWorkers.running();
    }

    /** Warms a {@link WorkerPool} spare (see {@link SpareWarmUp}); never fails, the state stays IDLE. */
    CompletableFuture<Void> warmUp() {
        return SpareWarmUp.engine(ready, link::request, evaluations.run(ready, Evaluator::prepare));
    }

    /** Runs a lambda in the worker and returns its value; see {@link RemoteCallable} for what a lambda may be. */
    public <R> R callFetch(RemoteCallable<R> task) {
        return Replies.await(call(task));
    }

    /** Runs a lambda in the worker and waits for it to finish. */
    public void callWait(RemoteRunnable task) {
        Replies.await(calls.send(task, false));
    }

    /** Runs a lambda in the worker; the future completes with its value. */
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> call(RemoteCallable<R> task) {
        return (CompletableFuture<R>) calls.send(task, false);
    }

    /** Runs a lambda in the worker without waiting; a failure is printed on the worker's stderr. */
    public void callDo(RemoteRunnable task) {
        calls.send(task, true);
    }

    /**
     * Evaluates Java source in the worker and returns the value of its last snippet ({@code "int a = 2; a * 21"} is 42);
     * declarations persist across evaluations; the jshell tool's default imports are in place.
     *
     * @throws CompilationException            if it does not compile (nothing of it ran)
     * @throws RemoteException                 if it threw in the worker
     * @throws EvaluationInterruptedException  if {@link #interrupt()} stopped it
     * @throws WorkerTerminatedException       if the worker died
     */
    public Object evalFetch(String source) {
        return Replies.await(eval(source));
    }

    /** As {@link #evalFetch(String)}, checking the value's type (primitive classes mean their boxes). */
    public <T> T evalFetch(String source, Class<T> type) {
        return Replies.as(evalFetch(source), type);
    }

    /** Evaluates Java source in the worker and waits for it, discarding the value. */
    public void evalWait(String source) {
        Replies.await(eval(source));
    }

    /** Evaluates Java source in the worker; the future completes with the value of its last snippet. */
    public CompletableFuture<Object> eval(String source) {
        return evaluate(source).thenApply(EvalResult::value);
    }

    /** Evaluates Java source in the worker; the future gives the value, jshell's display text and the duration. */
    public CompletableFuture<EvalResult> evaluate(String source) {
        return lifecycle.tracked(evaluations.evaluate(ready, source));
    }

    /** Completion candidates at {@code cursor} in {@code source}, with the worker's own declarations in scope. */
    public CompletableFuture<List<Completion>> completions(String source, int cursor) {
        return evaluations.complete(ready, source, cursor);
    }

    /**
     * The signatures at {@code cursor} in {@code source}: after {@code "Math.max("} its overloads. {@code withSummary}
     * adds each one's first Javadoc sentence if the host's JDK has its sources (slower). Example: {@link SignatureHint}.
     */
    public CompletableFuture<List<SignatureHint>> signatures(String source, int cursor, boolean withSummary) {
        return evaluations.signatures(ready, source, cursor, withSummary);
    }

    /**
     * Resolves Maven coordinates and their runtime dependencies as a start does ({@link WorkerSpec.Builder#dependencies},
     * downloads told to its {@code onDownload}), off the caller's thread, and adds the jars to this running worker: its
     * calls and next snippets can use and {@code import} them. Completes with the jars added (not those already on its
     * {@link #classpath()}); fails with {@link DependencyException}, or {@link IllegalArgumentException} for what is
     * not a coordinate, and the worker is unchanged. Not yet for a worker on another machine.
     */
    public CompletableFuture<List<Path>> addDependencies(String... coordinates) {
        return classpath.add(coordinates, ready);
    }

    /**
     * Stops the running evaluation and calls, not the worker: they fail with {@link EvaluationInterruptedException};
     * queued ones then run. Never waits: a control message, then, unconfirmed after 250 ms, the OS doorbell. Their
     * threads are interrupted (a sleep, a wait, a read of {@code System.in} ends), and snippet code also ends at its
     * next stop check (at every method's start and loop's turn, on every JDK); code that neither checks nor answers
     * an interrupt (a library's busy loop) runs on.
     */
    public void interrupt() {
        Interrupts.interrupt(ready, lifecycle, evaluations, link);
    }

    /** Sends text to the worker's {@code System.in}, as typed ({@code "\n"} ends a line); see {@link InputRequest}. */
    public void sendInput(String text) {
        stdin.send(text);
    }

    /** Ends the worker's {@code System.in} (reads return -1 until more is sent); see {@link InputRequest}. */
    public void closeInput() {
        stdin.close();
    }

    /** Receives a request each time code in the worker reads {@code System.in} with nothing sent left to read. */
    public Subscription onInputRequest(Consumer<InputRequest> listener) {
        return stdin.onRequest(listener);
    }

    /** The request the worker waits on now; empty when no code in it waits for input. */
    public Optional<InputRequest> inputRequest() {
        return stdin.pending();
    }

    /** True until the process has exited (STARTING, IDLE, BUSY, STOPPING). */
    public boolean isRunning() {
        return lifecycle.get() != WorkerState.EXITED;
    }

    public WorkerState state() {
        return lifecycle.get();
    }

    /**
     * Stops the worker gracefully (a shutdown request, then TERM, then KILL, each with a bounded wait); pending
     * requests fail with {@link WorkerTerminatedException}. False if it was not running (stopped or stopping).
     */
    public boolean stop() {
        return lifecycle.stop(link);
    }

    /** Kills the process at once (SIGKILL / TerminateProcess) and waits for it to be gone. */
    public void kill() {
        link.kill();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Completes with the exit code when the process has exited. */
    public CompletableFuture<Integer> onExit() {
        return link.exit().copy();
    }

    /** The display name ({@code worker-1} unless the spec names it). */
    public String name() {
        return name;
    }

    /** Where it runs: {@code "localhost"}, or the spec's {@link WorkerSpec#host() host} (e.g. {@code "me@build-server"}). */
    public String host() {
        return spec.host().orElse("localhost");
    }

    /** The process id (on the machine it runs on), known from spawn on; -1 when the process could not be started. */
    public long pid() {
        return link.process().pid();
    }

    /** The spec it was started with ({@code Worker.start(w.spec())} starts a twin). */
    public WorkerSpec spec() {
        return spec;
    }

    /** The worker's user class path: the spec's entries, its dependencies' jars, then jars added since. */
    public List<Path> classpath() {
        return classpath.entries();
    }

    /** Spawn to authenticated connection; null until the worker is ready. */
    public Duration launchTime() {
        return link.launchTime();
    }

    /** When the process was spawned. */
    public Instant startedAt() {
        return link.startedAt();
    }

    /** The worker JVM's {@code java.version}, once ready. */
    public Optional<String> javaVersion() {
        return link.hello().map(WorkerHello::javaVersion);
    }

    /** The worker JVM's {@code java.home}, once ready. */
    public Optional<String> javaHome() {
        return link.hello().map(WorkerHello::javaHome);
    }

    /** The flags the worker's JVM says it runs with, asked once; empty before it is ready or without answer in 5 s. */
    public List<String> inputArguments() {
        return Replies.onceStarted(ready, this::inputArgumentsAsync, Duration.ofSeconds(5), List.of());
    }

    /** As {@link #inputArguments()}, without waiting; fails if the worker exits before it answers. */
    public CompletableFuture<List<String>> inputArgumentsAsync() {
        return introspection.flags();
    }

    /** The last lines the worker wrote on stderr. */
    public String stderrTail() {
        return link.output().stderrTail();
    }

    /** Samples resident memory, CPU time, heap, threads and GC (see {@link WorkerStats}); answered while code runs. */
    public WorkerStats stats() {
        return Replies.await(statsAsync());
    }

    /** As {@link #stats()}, without blocking. */
    public CompletableFuture<WorkerStats> statsAsync() {
        return introspection.stats();
    }

    /** Delivers a {@link WorkerStats} sample every {@code period} (on a Kiln thread, none doubled up) until closed. */
    public Subscription onStats(Duration period, Consumer<WorkerStats> listener) {
        return introspection.onStats(period, () -> ready.isDone() && isRunning(), listener);
    }

    /** The threads of the user's code, the snippet's or call's first; answered while code runs. See {@link ThreadSnapshot}. */
    public CompletableFuture<List<ThreadSnapshot>> threads() {
        return threads(false);
    }

    /** As {@link #threads()}; with {@code all}, Kiln's and the JVM's own threads too (role INTERNAL). */
    public CompletableFuture<List<ThreadSnapshot>> threads(boolean all) {
        return introspection.threads(all);
    }

    /** The 100 classes whose live objects take the most heap, largest first; see {@link HeapHistogramEntry}. */
    public CompletableFuture<List<HeapHistogramEntry>> heapHistogram() {
        return introspection.heapHistogram();
    }

    /** The snippets' variables with their values now, like jshell's {@code /vars}. See {@link SnippetVariable}. */
    public CompletableFuture<List<SnippetVariable>> variables() {
        return introspection.variables();
    }

    /** The snippets' methods, types and imports, like {@code /methods}, {@code /types}, {@code /imports}. */
    public List<SnippetDeclaration> declarations() {
        return introspection.declarations();
    }

    /** Every evaluation so far, in the order they ran, with its outcome (the last 10,000). See {@link HistoryEntry}. */
    public List<HistoryEntry> history() {
        return History.of(evaluations.log());
    }

    /** The sources of the evaluations that succeeded, in order: a file the JDK's {@code jshell} tool runs. */
    public String historyAsJsh() {
        return History.asJsh(history());
    }

    /** Evaluates again the entries of a history that succeeded, in order, up to the first that fails now. */
    public CompletableFuture<List<EvalResult>> replay(List<HistoryEntry> history) {
        return History.replay(history, this::evaluate);
    }

    /**
     * Binds a {@link java.util.concurrent.BlockingQueue} that an expression makes in the worker, e.g.
     * {@code channel("new java.util.concurrent.ArrayBlockingQueue<Integer>(20)")}; a {@link RemoteException} if not one.
     */
    public <T> RemoteChannel<T> channel(String source) {
        return new RemoteChannelImpl<>(this, Replies.await(lifecycle.tracked(evaluations.channel(ready, source))));
    }

    /** Workers started inside this worker, or deeper, with their last known state (exited ones included). */
    public List<NestedWorker> nestedWorkers() {
        return link.nested().all().stream().map(Replies::nested).toList();
    }

    /** Receives every change of a nested worker (started, state change, exit), on the connection's thread. */
    public Subscription onNestedChange(Consumer<NestedWorker> listener) {
        return link.nested().subscribe(m -> listener.accept(Replies.nested(m)))::run;
    }

    /** Receives the worker's output (stdout and stderr, in the order written: see {@link OutputChunk}). */
    public Subscription onOutput(Consumer<OutputChunk> listener) {
        return link.output().subscribe((stream, text, at) -> listener.accept(Replies.chunk(stream, text, at)))::run;
    }

    /** Receives every state change, on the thread that caused it. */
    public Subscription onStateChange(Consumer<WorkerState> listener) {
        return lifecycle.subscribe(listener);
    }

    @Override
    public String toString() {
        return "Worker[" + name + ", pid " + pid() + ", " + lifecycle.get() + "]";
    }
}
