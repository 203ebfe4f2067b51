package dev.kiln;

import dev.kiln.eval.Evaluation;
import dev.kiln.eval.EvaluationException;
import dev.kiln.eval.Suggestion;
import dev.kiln.host.WorkerLink;
import dev.kiln.host.WorkerProcess;
import dev.kiln.wire.FailureKind;
import dev.kiln.wire.ImageValue;
import dev.kiln.wire.Message;
import dev.kiln.wire.StdStream;
import dev.kiln.wire.ValueCodec;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** What the worker's replies and the evaluator's outcomes become in the API: values and exceptions. */
final class Replies {
    private Replies() {}

    /** A value as it came over the wire, as the caller gets it: enums and records the host has, else data. */
    static Object decode(Object wireValue, ClassLoader loader) {
        if (wireValue instanceof ImageValue i) {
            return new RemoteValue(i.typeName(), i.text(), new RemoteImage(i.png(), i.width(), i.height()));
        }
        return ValueCodec.fromWire(wireValue, loader, o -> new RemoteValue(o.typeName(), o.text()));
    }

    /** The value of a reply, or the exception its failure stands for. */
    static Object valueOrThrow(Message reply, ClassLoader loader, String what) {
        if (reply instanceof Message.Result r) {
            return decode(r.value(), loader);
        }
        Message.Failure f = (Message.Failure) reply;
        if (f.kind() == FailureKind.STOPPED) {
            throw new EvaluationInterruptedException(what + " was interrupted");
        }
        if (f.kind() == FailureKind.BAD_REQUEST) {
            throw new KilnException(f.message());
        }
        throw RemoteTraces.of(f.chain(), f.className(), f.message());
    }

    static EvalResult result(Evaluation e) {
        return new EvalResult(e.source(), e.value(), e.valueText(), e.display(), e.duration());
    }

    static Completion completion(Suggestion s) {
        return new Completion(s.anchor(), s.continuation(), s.matchesType());
    }

    /** The API's exception for an evaluation that produced no value (other failures pass unchanged). */
    static Throwable evaluationFailure(Throwable t) {
        Throwable c = KilnException.unwrap(t);
        if (!(c instanceof EvaluationException e)) {
            return c;
        }
        return switch (e.kind()) {
            case COMPILE ->
                new CompilationException(e.diagnostics().stream()
                        .map(d -> new CompilationException.Diagnostic(
                                d.line(), d.column(), d.startOffset(), d.endOffset(), d.message()))
                        .toList());
            case INTERRUPTED -> new EvaluationInterruptedException(e.getMessage());
            case THROWN -> RemoteTraces.of(e.chain());
            case ENGINE -> new KilnException(e.getMessage());
        };
    }

    /** The exceptions a worker's link fails requests with. */
    static WorkerLink.Failures failures(String name, LongSupplier pid) {
        return new WorkerLink.Failures() {
            @Override
            public RuntimeException startFailed(String message, String stderrTail, Throwable cause) {
                return new WorkerStartException(message, stderrTail, cause);
            }

            @Override
            public RuntimeException terminated(int exitCode, String stderrTail, String why) {
                return new WorkerTerminatedException(
                        name + " (pid " + pid.getAsLong() + ")", exitCode, stderrTail, why);
            }

            @Override
            public RuntimeException notSent(String message) {
                return new KilnException(message);
            }
        };
    }

    /** How long a lone waiter spins before it parks (see {@link #await}). */
    static final long SPIN_NANOS = 100_000;

    /** Threads in {@link #await} whose future was not done when they came. */
    private static final AtomicInteger AWAITING = new AtomicInteger();

    private static final boolean MULTICORE = Runtime.getRuntime().availableProcessors() > 1;

    /**
     * Waits for a Kiln future; its failure is thrown as the exception it stands for. A thread that is
     * the only one waiting spins for up to {@link #SPIN_NANOS} before it parks, as long as it stays
     * the only one, where there is a second core: a reply mostly comes sooner than that (a call's
     * round trip is tens of microseconds), and waking a parked thread cost about as much again on
     * the machines measured. Several waiters never spin: they would take the cores the worker and
     * the replies need (the call-throughput benchmark, eight callers, lost two fifths with one of
     * them spinning).
     */
    static <T> T await(CompletableFuture<T> f) {
        if (f.isDone()) {
            return get(f);
        }
        int others = AWAITING.getAndIncrement();
        try {
            if (others == 0 && MULTICORE) {
                long until = System.nanoTime() + SPIN_NANOS;
                while (!f.isDone() && AWAITING.get() == 1 && System.nanoTime() - until < 0) {
                    Thread.onSpinWait();
                }
            }
            return get(f);
        } finally {
            AWAITING.decrementAndGet();
        }
    }

    private static <T> T get(CompletableFuture<T> f) {
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

    /**
     * Once {@code started} has completed successfully, the value of the future {@code ask} gives if it comes
     * within {@code timeout}; else (not started, failed, late) {@code fallback}, without asking.
     */
    static <T> T onceStarted(
            CompletableFuture<?> started, Supplier<CompletableFuture<T>> ask, Duration timeout, T fallback) {
        boolean ok = started.isDone() && !started.isCompletedExceptionally();
        return ok ? within(ask.get(), timeout, fallback) : fallback;
    }

    /** The future's value if it comes within {@code timeout}, else {@code fallback}. */
    static <T> T within(CompletableFuture<T> f, Duration timeout, T fallback) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback;
        } catch (ExecutionException | TimeoutException e) {
            return fallback;
        }
    }

    static NestedWorker nested(Message.NestedWorker m) {
        return new NestedWorker(m.pid(), m.hostPid(), m.name(), WorkerState.valueOf(m.state()), m.exitCode());
    }

    static OutputChunk chunk(StdStream stream, String text, Instant at) {
        return new OutputChunk(stream == StdStream.STDOUT ? StreamKind.STDOUT : StreamKind.STDERR, text, at);
    }

    /** The flags in a reply to a flags request. */
    static List<String> flags(Message reply) {
        if (reply instanceof Message.Flags f && f.inputArguments() != null) {
            return List.of(f.inputArguments());
        }
        throw new KilnException(
                "the worker answered its flags request with " + reply.getClass().getSimpleName());
    }

    /** A stats reply, with what the OS says of the process (resident memory, and CPU time when the JVM does not). */
    static CompletableFuture<WorkerStats> stats(Message reply, WorkerProcess process) {
        return process.residentBytesAsync().thenApply(rss -> stats((Message.Stats) reply, process, rss));
    }

    private static WorkerStats stats(Message.Stats s, WorkerProcess process, long residentBytes) {
        Duration cpu = s.cpuNanos() >= 0
                ? Duration.ofNanos(s.cpuNanos())
                : process.cpuTime().orElse(Duration.ZERO);
        return new WorkerStats(
                Instant.now(),
                residentBytes,
                s.heapUsed(),
                s.heapCommitted(),
                s.heapMax(),
                s.nonHeapUsed(),
                cpu,
                s.threads(),
                s.gcCount(),
                Duration.ofMillis(s.gcTimeMillis()),
                s.processors());
    }

    /** The value as the requested type (primitive types mean their boxes), or a ClassCastException that says why not. */
    static <T> T as(Object v, Class<T> type) {
        Class<?> boxed = MethodType.methodType(type).wrap().returnType();
        if (v != null && !boxed.isInstance(v)) {
            String actual =
                    v instanceof RemoteValue rv ? rv.typeName() : v.getClass().getName();
            throw new ClassCastException("the snippet's value is a " + actual + ", not a " + type.getName()
                    + (v instanceof RemoteValue ? "; only plain data crosses as itself" : ""));
        }
        @SuppressWarnings("unchecked")
        T t = (T) v;
        return t;
    }
}
