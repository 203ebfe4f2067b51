package dev.kiln.worker;

import dev.kiln.concurrent.KilnThreads;
import dev.kiln.wire.ClassBytes;
import dev.kiln.wire.Connection;
import dev.kiln.wire.FailureKind;
import dev.kiln.wire.LambdaReference;
import dev.kiln.wire.Message;
import dev.kiln.wire.Thrown;
import dev.kiln.wire.Upstream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import jdk.jshell.spi.ExecutionControl;

/**
 * The worker's side of the protocol. {@link #handle} runs on the control thread (the
 * connection's reader), which never runs user code: it hands calls to a pool and snippet
 * requests to the evaluation thread, and answers interrupts and stats itself, so both
 * work while user code is busy. Every call and snippet request is answered exactly once,
 * through the {@link Replier}, whatever its code did.
 *
 * <p>On the way from the worker's hello to its first call's reply, what is handed on is a
 * nested class, not a lambda or method reference (see {@link WorkerMain}).
 */
final class WorkerAgent implements Upstream {
    private final Connection connection;
    private final OutputCapture output;
    private final StdinRelay input;
    private final ReplyBudget budget = new ReplyBudget();
    private final Replier replier;
    private final HostClassLoader hostClasses;
    private final ExecutorService calls;
    /** The evaluation thread's executor; made with the first snippet request (the control thread's alone). */
    private ExecutorService evals;

    private final Map<Thread, RunningCall> runningCalls = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<byte[]>> classRequests = new ConcurrentHashMap<>();
    private final AtomicLong classRequestIds = new AtomicLong(-1);
    /** Class files the host sent ahead of the calls that need them, by resource path, until asked for (bounded). */
    private final Map<String, byte[]> classOffers =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                    return size() > MAX_CLASS_OFFERS;
                }
            });
    /** Offers kept at most: one a call, taken as the call starts, unless the worker's own class path had it. */
    static final int MAX_CLASS_OFFERS = 64;

    private volatile SnippetExecutor snippets;
    /** The snippet invocation received by the control thread and not finished yet (0: none). */
    private volatile long invokePending;
    /** The invocation an interrupt asked to stop (it may not have started running yet). */
    private volatile long stopInvoke;

    /** A call being run: whether it was told to stop, which the code making its reply asks too. */
    private static final class RunningCall implements BooleanSupplier {
        volatile boolean stopRequested;

        @Override
        public boolean getAsBoolean() {
            return stopRequested;
        }
    }

    private final UserCodeLoader userCode;
    /** Answers threads, histogram and variables questions; made with the first (the control thread's alone). */
    private Inspections inspections;

    private final CallWarmUp warmUp = new CallWarmUp();

    WorkerAgent(Connection connection, OutputCapture output, StdinRelay input, LastWords lastWords) {
        this.connection = connection;
        this.output = output;
        this.input = input;
        this.replier = new Replier(connection, output, budget, lastWords);
        // Waiting for a message in a heap that user code filled: the reserve makes room to take it in.
        connection.onHeapFull(new ReleaseReserve(replier));
        // User code sees the user's class path, Kiln's API and the classes its host serves; never Kiln's internals.
        this.userCode = new UserCodeLoader(WorkerAgent.class.getClassLoader());
        this.hostClasses = new HostClassLoader(userCode, new FromHost());
        this.calls = Executors.newCachedThreadPool(KilnThreads.factory("kiln-call-"));
    }

    void handle(Message m) {
        if (m instanceof Message.Call c) {
            if (!LambdaReference.isReference(c.payload())) {
                warmUp.startFilterSetUp(); // a lambda reference needs no Java serialization
            }
            calls.execute(new CallTask(c));
            // Set aside here, while the call's thread starts and reads its task: a first call does not wait for the
            // reserve's pages (2 MB with the default heap, some 1 ms) after that. Its thread waits for it before
            // user code.
            replier.reserve();
            // The output flusher's thread is not started for a call: a call's first print starts it (a thread start,
            // once per worker). Started here, its start and its first wait ran beside a first call that prints
            // nothing and made its reply some 0.5-1 ms later on two cores.
        } else if (m instanceof Message.Load l) {
            evals().execute(() -> snippetRequest(l.id(), l));
        } else if (m instanceof Message.Redefine r) {
            evals().execute(() -> snippetRequest(r.id(), r));
        } else if (m instanceof Message.Invoke i) {
            invokePending = i.id(); // from now on an interrupt applies to it, even before its thread runs
            evals().execute(() -> snippetRequest(i.id(), i));
            output.startFlusher();
        } else if (m instanceof Message.VarValue v) {
            evals().execute(() -> snippetRequest(v.id(), v));
            output.startFlusher(); // a value's toString() runs
        } else if (m instanceof Message.Interrupt i) {
            send(new Message.InterruptAck(i.id(), stopAll()));
        } else if (m instanceof Message.StatsRequest s) {
            send(stats(s.id()));
        } else if (Inspections.isQuestion(m)) {
            if (inspections == null) {
                inspections = new Inspections(this::send, () -> snippets, runningCalls.keySet());
            }
            inspections.answer(m);
        } else if (m instanceof Message.FlagsRequest f) {
            send(new Message.Flags(
                    f.id(),
                    java.lang.management.ManagementFactory.getRuntimeMXBean()
                            .getInputArguments()
                            .toArray(new String[0])));
        } else if (m instanceof Message.AddClasspath a) {
            send(addClasspath(a));
        } else if (m instanceof Message.Input in) {
            input.offer(in.text());
        } else if (m instanceof Message.InputEnd) {
            input.end();
        } else if (m instanceof Message.Shutdown) {
            shutdown();
        } else if (m instanceof Message.ClassOffer o) {
            classOffers.put(o.name(), o.bytes()); // before the call that needs it: messages are handled in order
        } else if (m instanceof Message.ClassData d) {
            CompletableFuture<byte[]> f = classRequests.remove(d.id());
            if (f != null) {
                f.complete(d.bytes());
            }
        } else {
            output.err()
                    .println("kiln worker: ignoring unexpected " + m.getClass().getSimpleName());
        }
    }

    /** The evaluation thread's executor, made the first time a snippet request needs it: a call does not. */
    private ExecutorService evals() {
        if (evals == null) {
            evals = Executors.newSingleThreadExecutor(KilnThreads.factory("kiln-eval-"));
        }
        return evals;
    }

    /**
     * {@link #handle}, once more after the reserve kept for replies is given back when the heap
     * was too full to hand the message on (user code filled it): the request then answers for
     * itself. A heap still too full is the control thread's end ({@link WorkerMain}).
     */
    void handleWhenHeapIsFull(Message m) {
        try {
            handle(m);
        } catch (OutOfMemoryError e) {
            replier.releaseReserve();
            handle(m);
        }
    }

    /** The stop path, shared by the control message and the OS doorbell. Returns how many things were told to stop. */
    int stopAll() {
        // Replies being made of what the code gave (its value's toString()...) go on at once, with a note.
        int n = budget.interruptAll();
        long pending = invokePending;
        if (pending != 0) {
            // Marked first: a snippet whose thread has not started yet checks this mark before running.
            stopInvoke = pending;
            n++;
            SnippetExecutor s = snippets;
            if (s != null && s.isRunning()) {
                s.stopSnippet();
            }
        }
        for (Map.Entry<Thread, RunningCall> e : runningCalls.entrySet()) {
            e.getValue().stopRequested = true;
            e.getKey().interrupt();
            n++;
        }
        return n;
    }

    /**
     * Jars a live worker gains (Worker.addDependencies): the user-code loader takes them, so calls (through the
     * host-class loader above it) and snippets (the snippet loader's parent) see them from now on.
     */
    private Message addClasspath(Message.AddClasspath a) {
        for (String entry : a.entries()) {
            if (!Files.exists(Path.of(entry))) {
                return new Message.Failure(
                        a.id(),
                        FailureKind.BAD_REQUEST,
                        "",
                        "cannot add " + entry + " to the worker's class path: no such file on its machine",
                        new Thrown[0],
                        0);
            }
        }
        for (String entry : a.entries()) {
            userCode.add(Path.of(entry));
        }
        return new Message.Result(a.id(), null, null);
    }

    // ---- calls ----

    /**
     * Lambdas that capture nothing, by their serialized form: the same bytes give the same
     * stateless object, so a call that repeats one skips Java deserialization (most of a
     * trivial call's cost in the worker). Bounded; the least recently used go first.
     */
    private final Map<Payload, Object> statelessTasks =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Payload, Object> eldest) {
                    return size() > 256;
                }
            });

    /** A serialized task as a map key: by content. */
    private record Payload(byte[] bytes, int hash) {
        Payload(byte[] bytes) {
            this(bytes, java.util.Arrays.hashCode(bytes));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Payload p && p.hash == hash && java.util.Arrays.equals(p.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private Object readTask(byte[] payload) throws IOException, ClassNotFoundException {
        Payload key = new Payload(payload);
        Object task = statelessTasks.get(key);
        if (task != null) {
            return task;
        }
        boolean reference = LambdaReference.isReference(payload);
        if (reference) {
            task = LambdaReference.decode(payload, new CallClasses());
        } else {
            warmUp.describeLambdas(); // while the first call's serial filter is set up on another thread
            try (ObjectInputStream in = new HostObjectInputStream(new ByteArrayInputStream(payload), hostClasses)) {
                task = in.readObject();
            }
        }
        if (reference || dev.kiln.wire.CapturesNothing.test(task.getClass())) { // a reference names no values
            statelessTasks.put(key, task);
        }
        return task;
    }

    /**
     * A class a lambda reference names, found as a call's stream finds its classes
     * ({@link HostObjectInputStream}): through the worker's class path and the host, else in Kiln's
     * runtime (the training run's calls are Kiln's own). Not through the stream's class: loading
     * it would initialise Java serialization, which a lambda reference does without.
     */
    private Class<?> callClass(String name) throws ClassNotFoundException {
        try {
            return Class.forName(name, false, hostClasses);
        } catch (ClassNotFoundException e) {
            try {
                return Class.forName(name, false, WorkerAgent.class.getClassLoader());
            } catch (ClassNotFoundException notKilns) {
                throw e;
            }
        }
    }

    /** Gives the reply reserve back to the heap (the connection's reader found it full). */
    private static final class ReleaseReserve implements Runnable {
        private final Replier replier;

        ReleaseReserve(Replier replier) {
            this.replier = replier;
        }

        @Override
        public void run() {
            replier.releaseReserve();
        }
    }

    /** Class files the worker lacks, from the host (or its offers). */
    private final class FromHost implements java.util.function.Function<String, byte[]> {
        @Override
        public byte[] apply(String resourcePath) {
            return fetchFromHost(resourcePath);
        }
    }

    /** The classes a lambda reference names ({@link #callClass}). */
    private final class CallClasses implements LambdaReference.Classes {
        @Override
        public Class<?> find(String binaryName) throws ClassNotFoundException {
            return callClass(binaryName);
        }
    }

    /** A call on its pool's thread. */
    private final class CallTask implements Runnable {
        private final Message.Call call;

        CallTask(Message.Call call) {
            this.call = call;
        }

        @Override
        public void run() {
            runCall(call);
        }
    }

    /** A call's reply, made while it runs. */
    private final class CallReply implements java.util.function.Supplier<Message> {
        private final Message.Call call;

        CallReply(Message.Call call) {
            this.call = call;
        }

        @Override
        public Message get() {
            return call(call);
        }
    }

    private void runCall(Message.Call c) {
        Thread.currentThread().setContextClassLoader(hostClasses); // what user code finds through the context loader
        try {
            replier.answer(c.id(), new CallReply(c));
        } catch (OutOfMemoryError e) {
            // As for snippets: nothing ran yet; one more try without the reserve.
            replier.releaseReserve();
            try {
                replier.answer(c.id(), new CallReply(c));
            } catch (OutOfMemoryError again) {
                if (!c.fireAndForget()) {
                    replier.outOfMemory(c.id());
                }
            }
        }
    }

    /** The reply to a call (null for a fire-and-forget one), made while it still counts as running. */
    private Message call(Message.Call c) {
        Object task;
        try {
            task = readTask(c.payload());
        } catch (Throwable t) {
            return replier.failure(
                    c.id(),
                    c.fireAndForget(),
                    FailureKind.BAD_REQUEST,
                    t,
                    thrown -> "the call could not be read in the worker: " + thrown + Throwables.causes(t)
                            + ". Its classes must be on the"
                            + " worker's class path (WorkerSpec.classpath) or loadable from the host",
                    () -> false);
        }
        // Set aside before user code runs, after the task is read: a first call's class (from the host) and lambda
        // are made while the control thread takes the reserve's pages, instead of waiting for them first.
        replier.reserve();
        Thread me = Thread.currentThread();
        RunningCall running = new RunningCall();
        runningCalls.put(me, running);
        // Registered until its reply is made: an interrupt also cuts short the user code the reply runs.
        try {
            Object result;
            try {
                if (task instanceof Callable<?> callable) {
                    result = callable.call();
                } else if (task instanceof Runnable runnable) {
                    runnable.run();
                    result = null;
                } else {
                    throw new IllegalArgumentException("not a RemoteCallable or RemoteRunnable: "
                            + task.getClass().getName());
                }
            } catch (Throwable t) {
                Thread.interrupted();
                // As for snippets: whatever a call throws once it was told to stop means it was interrupted (an
                // InterruptedException, or what a library made of one: Scanner ends its input, then throws).
                return running.stopRequested
                        ? replier.failure(
                                c.id(),
                                c.fireAndForget(),
                                FailureKind.STOPPED,
                                t,
                                thrown -> "call interrupted",
                                () -> true)
                        : replier.failure(c.id(), c.fireAndForget(), FailureKind.USER_EXCEPTION, t, null, running);
            }
            Thread.interrupted();
            return c.fireAndForget() ? null : replier.result(c.id(), result, false, running);
        } finally {
            runningCalls.remove(me);
        }
    }

    // ---- snippets ----

    private SnippetExecutor engine() {
        SnippetExecutor s = snippets;
        if (s == null) {
            // Snippets see the user's class path and Kiln's API; their own classes come from JShell, never the host.
            SnippetLoaderDelegate loader = new SnippetLoaderDelegate(userCode);
            // Snippets run on threads made from this one: they find their own classes through the context loader.
            Thread.currentThread().setContextClassLoader(loader.loader());
            snippets = s = new SnippetExecutor(loader, budget);
        }
        return s;
    }

    private static ExecutionControl.ClassBytecodes[] toSpi(ClassBytes[] classes) {
        ExecutionControl.ClassBytecodes[] out = new ExecutionControl.ClassBytecodes[classes.length];
        for (int i = 0; i < classes.length; i++) {
            out[i] = new ExecutionControl.ClassBytecodes(classes[i].name(), classes[i].bytes());
        }
        return out;
    }

    /**
     * Runs a snippet request (Load, Redefine, Invoke, VarValue) on the evaluation thread and
     * answers it, even when the heap is too full to start it; an Invoke's mark is cleared after.
     */
    private void snippetRequest(long id, Message request) {
        try {
            replier.reserve();
            replier.answer(id, () -> snippetReply(id, request));
        } catch (OutOfMemoryError e) {
            // The heap was too full to start it (answer() itself never throws): nothing ran yet. The reserve just
            // set aside may be what took the last free room (a heap can look emptier than it is), so it goes first.
            replier.releaseReserve();
            try {
                replier.answer(id, () -> snippetReply(id, request));
            } catch (OutOfMemoryError again) {
                replier.outOfMemory(id);
            }
        } finally {
            if (invokePending == id) {
                invokePending = 0;
            }
        }
    }

    /** What the engine makes of a snippet request: its reply, or the engine's exception. */
    private Message engineStep(Message request) throws Exception {
        if (request instanceof Message.Load l) {
            engine().load(toSpi(l.classes()));
            return new Message.Result(l.id(), null, null);
        }
        if (request instanceof Message.Redefine r) {
            engine().redefine(toSpi(r.classes()));
            return new Message.Result(r.id(), null, null);
        }
        if (request instanceof Message.VarValue v) {
            return new Message.Result(v.id(), engine().varValue(v.className(), v.varName()), null);
        }
        return invoke((Message.Invoke) request);
    }

    /** Runs a snippet; its value becomes the reply while the snippet still counts as running. */
    private Message invoke(Message.Invoke i) throws Exception {
        long id = i.id();
        BooleanSupplier stop = () -> stopInvoke == id;
        return engine().invoke(i.className(), i.methodName(), stop, value -> {
            if (!i.asChannel()) {
                return replier.result(id, value, true, stop);
            }
            if (value instanceof java.util.concurrent.BlockingQueue<?> q) {
                return new Message.Result(id, Channels.register(q), "");
            }
            throw new ExecutionControl.UserException(
                    "channel source must evaluate to a java.util.concurrent.BlockingQueue, but it gave "
                            + (value == null
                                    ? "null"
                                    : "a " + value.getClass().getName() + " (" + replier.display(value, stop) + ")"),
                    IllegalArgumentException.class.getName(),
                    new StackTraceElement[0]);
        });
    }

    private Message snippetReply(long id, Message request) {
        try {
            return engineStep(request);
        } catch (ExecutionControl.RunException
                | ExecutionControl.ClassInstallException
                | ExecutionControl.NotImplementedException e) {
            return EngineFailures.of(id, e, stopInvoke == id && id == invokePending);
        } catch (OutOfMemoryError e) {
            throw e; // the reply path's to answer, with its reserve
        } catch (Throwable e) {
            // An engine failure (e.g. JDK-8366926 in the stop-check instrumentation) fails this snippet only.
            return replier.failure(
                    id,
                    false,
                    FailureKind.INTERNAL,
                    e,
                    thrown -> "the worker's snippet engine failed on this snippet: " + thrown,
                    () -> false);
        }
    }

    @Override
    public byte[] classBytes(String resourcePath) throws IOException {
        return hostClasses.classBytes(resourcePath);
    }

    @Override
    public void send(Message m) {
        try {
            connection.send(m);
        } catch (IOException e) {
            // The host is gone: nobody is left to answer to.
            Runtime.getRuntime().halt(3);
        }
    }

    // ---- class requests (this worker asks its host) ----

    private byte[] fetchFromHost(String resourcePath) {
        byte[] offered = classOffers.remove(resourcePath);
        if (offered != null) {
            return offered;
        }
        long id = classRequestIds.getAndDecrement();
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        classRequests.put(id, f);
        try {
            connection.send(new Message.ClassRequest(id, resourcePath));
            return f.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        } finally {
            classRequests.remove(id);
        }
    }

    // ---- stats and shutdown ----

    private static Message.Stats stats(long id) {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = mem.getHeapMemoryUsage();
        MemoryUsage nonHeap = mem.getNonHeapMemoryUsage();
        long gcCount = 0;
        long gcTime = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcTime += Math.max(0, gc.getCollectionTime());
        }
        long cpu = -1;
        try {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                cpu = os.getProcessCpuTime();
            }
        } catch (LinkageError e) {
            // jdk.management absent from a trimmed runtime: CPU time comes from the host side
        }
        return new Message.Stats(
                id,
                heap.getUsed(),
                heap.getCommitted(),
                heap.getMax(),
                nonHeap.getUsed(),
                ManagementFactory.getThreadMXBean().getThreadCount(),
                gcCount,
                gcTime,
                cpu,
                Runtime.getRuntime().availableProcessors());
    }

    private void shutdown() {
        output.flushAll();
        KilnThreads.start(() -> System.exit(0), "kiln-shutdown");
    }
}
