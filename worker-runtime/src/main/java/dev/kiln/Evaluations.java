package dev.kiln;

import dev.kiln.eval.Declared;
import dev.kiln.eval.Evaluator;
import dev.kiln.eval.RequestChannel;
import dev.kiln.eval.SessionLog;
import dev.kiln.host.WorkerLink;
import dev.kiln.wire.Message;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * A worker's evaluator, created with its first use (or its warm-up), closed with the worker;
 * what it reports becomes the API's results and exceptions.
 */
final class Evaluations {
    private final String workerName;
    /** The class path the evaluator is made with: the worker's, as it grows until then. */
    private final List<Path> classpath;

    private final RequestChannel channel;
    private final Supplier<RuntimeException> gone;
    private final Runnable onCreate;
    private final SessionLog log = new SessionLog();
    private Evaluator evaluator;
    private boolean closed;

    /** @param onCreate runs when the evaluator is created (on its first use) */
    Evaluations(
            String workerName,
            List<Path> classpath,
            RequestChannel channel,
            Supplier<RuntimeException> gone,
            Runnable onCreate) {
        this.workerName = workerName;
        this.classpath = new ArrayList<>(classpath);
        this.channel = channel;
        this.gone = gone;
        this.onCreate = onCreate;
    }

    /**
     * The evaluations of a worker reached through {@code link}; its first evaluation warms the
     * worker's snippet engine while the host builds the JShell.
     */
    static Evaluations of(
            String workerName, List<Path> classpath, WorkerLink link, Runnable interrupt, CompletableFuture<?> ready) {
        return new Evaluations(
                workerName,
                classpath,
                channel(link::request, interrupt),
                link::gone,
                () -> SpareWarmUp.snippetEngine(ready, link::request));
    }

    /** A channel that sends requests with {@code request} and interrupts with {@code interrupt}. */
    static RequestChannel channel(
            Function<LongFunction<Message>, CompletableFuture<Message>> request, Runnable interrupt) {
        return new RequestChannel() {
            @Override
            public CompletableFuture<Message> request(LongFunction<Message> build) {
                return request.apply(build);
            }

            @Override
            public void interrupt() {
                interrupt.run();
            }
        };
    }

    /** Runs {@code action} on the evaluator once {@code ready} completes; its failures become API exceptions. */
    <T> CompletableFuture<T> run(CompletableFuture<?> ready, Function<Evaluator, CompletableFuture<T>> action) {
        CompletableFuture<T> out = new CompletableFuture<>();
        ready.thenCompose(r -> {
                    try {
                        return action.apply(evaluator());
                    } catch (RejectedExecutionException closedMeanwhile) {
                        throw gone.get(); // the worker exited between the check and the submission
                    }
                })
                .whenComplete((v, e) -> {
                    if (e == null) {
                        out.complete(v);
                    } else {
                        out.completeExceptionally(Replies.evaluationFailure(e));
                    }
                });
        return out;
    }

    /** Binds the BlockingQueue that {@code source} makes in the worker as a channel, once {@code ready}; its id. */
    CompletableFuture<Long> channel(CompletableFuture<?> ready, String source) {
        return run(ready, e -> e.channel(source));
    }

    /** Marks the evaluation that runs (or is about to) as interrupted, when {@code busy} and there is an evaluator. */
    synchronized void interruptPending(boolean busy) {
        if (busy && evaluator != null) {
            evaluator.interruptPending();
        }
    }

    /** Completion candidates, with the worker's declarations in scope. */
    CompletableFuture<List<Completion>> complete(CompletableFuture<?> ready, String source, int cursor) {
        return run(ready, e -> e.complete(source, cursor))
                .thenApply(list -> list.stream().map(Replies::completion).toList());
    }

    /** Signatures at the cursor, with their Javadoc's first sentence when {@code withSummary}. */
    CompletableFuture<List<SignatureHint>> signatures(
            CompletableFuture<?> ready, String source, int cursor, boolean withSummary) {
        if (source == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "source is null: pass the editor's text and the cursor's offset in it"));
        }
        return run(ready, e -> e.signatures(source, cursor, withSummary))
                .thenApply(list -> list.stream()
                        .map(s -> new SignatureHint(s.signature(), withSummary ? s.summary() : ""))
                        .toList());
    }

    /** Evaluates {@code source} once {@code ready} completes. */
    CompletableFuture<EvalResult> evaluate(CompletableFuture<?> ready, String source) {
        if (source == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("source is null"));
        }
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(gone.get());
            }
        }
        return run(ready, e -> e.evaluate(source)).thenApply(Replies::result);
    }

    /** Every evaluation so far, in the order they ran (kept after the worker exits). */
    SessionLog log() {
        return log;
    }

    /** What the snippets have declared so far (kept after the worker exits); nothing before the first evaluation. */
    synchronized Declared declared() {
        return evaluator == null ? Declared.NONE : evaluator.declared();
    }

    /**
     * Adds entries to the class path snippets compile against: the evaluator's (in turn with evaluations,
     * see {@link Evaluator#addToClasspath}), or, before it exists, the one it will be made with.
     */
    synchronized CompletableFuture<Void> addToClasspath(List<Path> entries) {
        if (closed) {
            return CompletableFuture.failedFuture(gone.get());
        }
        if (evaluator != null) {
            try {
                return evaluator.addToClasspath(entries);
            } catch (RejectedExecutionException closedMeanwhile) {
                return CompletableFuture.failedFuture(gone.get());
            }
        }
        classpath.addAll(entries);
        return CompletableFuture.completedFuture(null);
    }

    synchronized void close() {
        closed = true;
        if (evaluator != null) {
            evaluator.close();
        }
    }

    private synchronized Evaluator evaluator() {
        if (closed) {
            throw gone.get();
        }
        if (evaluator == null) {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            ClassLoader values = context != null ? context : Worker.class.getClassLoader();
            evaluator = new Evaluator(workerName, channel, classpath, data -> Replies.decode(data, values), log);
            onCreate.run();
        }
        return evaluator;
    }
}
