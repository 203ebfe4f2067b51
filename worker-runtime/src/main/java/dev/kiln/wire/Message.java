package dev.kiln.wire;

/**
 * The Kiln wire protocol: a small closed set of messages, one record each, as the
 * JDK's {@code jdk.jshell.spi.ExecutionControl} does for JShell. Requests carry an id;
 * replies carry the id of their request and may arrive in any order.
 */
public sealed interface Message {
    /** A message that answers the request with the same id: the host hands it to whoever waits for that id. */
    sealed interface Reply extends Message {
        long id();
    }

    // ---- host -> worker ----

    /** Run a serialized {@code RemoteCallable}/{@code RemoteRunnable}. */
    record Call(long id, byte[] payload, boolean fireAndForget) implements Message {}

    /** Load snippet classes (JShell {@code load}). */
    record Load(long id, ClassBytes[] classes) implements Message {}

    /** Redefine snippet classes (JShell {@code redefine}). */
    record Redefine(long id, ClassBytes[] classes) implements Message {}

    /**
     * Invoke a snippet's {@code do_it$} method (JShell {@code invoke}). With {@code asChannel},
     * the value must be a BlockingQueue and the reply is its channel id.
     */
    record Invoke(long id, String className, String methodName, boolean asChannel) implements Message {}

    /** Read a snippet variable's value string (JShell {@code varValue}). */
    record VarValue(long id, String className, String varName) implements Message {}

    /** Stop the running evaluation and calls. Read by the worker's control thread. */
    record Interrupt(long id) implements Message {}

    /** Ask for heap, thread and GC figures. Answered by the control thread, even while busy. */
    record StatsRequest(long id) implements Message {}

    /** Ask for the flags the worker JVM was started with. Answered by the control thread. */
    record FlagsRequest(long id) implements Message {}

    /** Ask for the worker's threads; Kiln's and the JVM's own too when {@code all}. Answered while busy. */
    record ThreadsRequest(long id, boolean all) implements Message {}

    /** Ask for a class histogram of the worker's heap (HotSpot's {@code GC.class_histogram}). Answered while busy. */
    record HistogramRequest(long id) implements Message {}

    /**
     * Ask for the values of snippet variables, as jshell shows them: each is the static field
     * {@code fieldNames[i]} of the snippet class {@code classNames[i]}. Answered while busy.
     */
    record VariablesRequest(long id, String[] classNames, String[] fieldNames) implements Message {}

    /** Exit gracefully. */
    record Shutdown() implements Message {}

    /** Reply to a {@link ClassRequest}: the class file bytes, or null when the host has none. */
    record ClassData(long id, byte[] bytes) implements Message {}

    /**
     * A class file the host sends ahead of the call that needs it (the class that made the
     * call's lambda), so that the worker does not have to ask for it ({@link ClassRequest}) and
     * wait: sent once per worker and class. {@code name} is its resource path
     * ({@code a/b/C.class}). The worker keeps it until its class loader asks; a worker that finds
     * the class on its own class path never does.
     */
    record ClassOffer(String name, byte[] bytes) implements Message {}

    /** Text for the worker's {@code System.in}, as typed; it is read after what came before it. */
    record Input(String text) implements Message {}

    /** End of the worker's {@code System.in}: once what came before is read, reads see the end of stream. */
    record InputEnd() implements Message {}

    /**
     * Add jars or class folders (paths on the worker's machine) to the class path of the worker's user
     * code, for calls and snippets from now on. Answered with an empty {@link Result}, or a {@link Failure}
     * when an entry does not exist there.
     */
    record AddClasspath(long id, String[] entries) implements Message {}

    // ---- worker -> host ----

    /** Reply to a {@link FlagsRequest}: the JVM's input arguments (RuntimeMXBean). */
    record Flags(long id, String[] inputArguments) implements Reply {}

    /** A successful reply. {@code value} is plain data (see ValueCodec); {@code display} is jshell's text for it. */
    record Result(long id, Object value, String display) implements Reply {}

    /**
     * A successful reply whose value is a large primitive array or {@code String}, sent raw in
     * the frames that follow: neither side copies it through the serializer. {@code kind} names
     * its element type, {@code length} is in bytes for an array and in chars for a string (see
     * {@link BulkFrames}). With {@code shared}, the value is in the worker's shared-memory file
     * instead and nothing follows on the socket ({@link SharedResults}). The
     * receiving {@link Connection} hands it on as a {@link Result}.
     */
    record BulkResult(long id, String display, byte kind, int length, boolean shared) implements Message {}

    /**
     * A failed reply: what failed ({@code className}, {@code message}) and, when code threw,
     * the throwable and its causes, outermost first ({@code chain}, empty otherwise).
     */
    record Failure(long id, FailureKind kind, String className, String message, Thrown[] chain, int causeId)
            implements Reply {}

    /**
     * Output the worker's code printed: {@code texts[i]} was written to {@code streams[i]}, in
     * the order the code wrote them.
     */
    record Output(StdStream[] streams, String[] texts) implements Message {
        /** One piece of text written to one stream. */
        public static Output of(StdStream stream, String text) {
            return new Output(new StdStream[] {stream}, new String[] {text});
        }
    }

    /**
     * Code in the worker reads {@code System.in} and nothing is buffered: it waits for
     * {@link Input}. {@code prompt} is the partial line last printed on stdout ({@code "Name: "}).
     */
    record InputRequest(String prompt) implements Message {}

    /** No code in the worker waits for input any more (it got some, or was interrupted). */
    record InputWaitOver() implements Message {}

    /** The worker asks the host for a class it lacks (a lambda's capturing class, and what that needs). */
    record ClassRequest(long id, String name) implements Message {}

    /** Heap, thread and GC figures. */
    record Stats(
            long id,
            long heapUsed,
            long heapCommitted,
            long heapMax,
            long nonHeapUsed,
            int threads,
            long gcCount,
            long gcTimeMillis,
            long cpuNanos,
            int processors)
            implements Reply {}

    /** Reply to a {@link ThreadsRequest}: one entry per live thread. */
    record Threads(long id, ThreadData[] threads) implements Reply {}

    /**
     * Reply to a {@link HistogramRequest}: the classes whose instances take the most bytes, largest
     * first; {@code instances[i]} objects of {@code classNames[i]} take {@code bytes[i]} bytes.
     */
    record Histogram(long id, String[] classNames, long[] instances, long[] bytes) implements Reply {}

    /** Reply to a {@link VariablesRequest}: each variable's value as jshell shows it, capped, in request order. */
    record VariableValues(long id, String[] texts) implements Reply {}

    /** Confirms an {@link Interrupt}: how many running evaluations and calls were told to stop. */
    record InterruptAck(long id, int stopped) implements Reply {}

    /** A worker started, changed state or exited inside this worker (nested workers), or deeper. */
    record NestedWorker(long pid, long hostPid, String name, String state, int exitCode) implements Message {}
}
