package dev.kiln;

import dev.kiln.host.CallPayloads;
import dev.kiln.wire.ClassBytes;
import dev.kiln.wire.Message;
import dev.kiln.worker.EngineWarmUp;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * What a spare worker does while it waits to be handed out, so that whoever takes it finds
 * its first evaluation and first call already paid for: a stand-in snippet class loaded and
 * invoked through the worker's snippet engine, and one trivial call.
 */
final class SpareWarmUp {
    private SpareWarmUp() {}

    /**
     * Warms the worker's snippet engine and call path once {@code ready} completes; the future
     * completes when they and {@code jshell} (the host building the worker's JShell) are done,
     * and never fails.
     */
    static CompletableFuture<Void> engine(
            CompletableFuture<?> ready,
            Function<LongFunction<Message>, CompletableFuture<Message>> request,
            CompletableFuture<?> jshell) {
        byte[] call = CallPayloads.of((RemoteCallable<Object>) EngineWarmUp::run);
        return snippetEngine(ready, request)
                .thenCompose(r -> request.apply(id -> new Message.Call(id, call, false)))
                .thenCombine(jshell, (a, b) -> null)
                .handle((r, e) -> null);
    }

    /**
     * Warms the worker's snippet engine only: what a worker's first evaluation does while the
     * host builds that worker's JShell, so the two overlap instead of following each other.
     */
    static CompletableFuture<Message> snippetEngine(
            CompletableFuture<?> ready, Function<LongFunction<Message>, CompletableFuture<Message>> request) {
        String className = EngineWarmUp.class.getName();
        ClassBytes[] classes = {new ClassBytes(className, EngineWarmUp.classFile())};
        return ready.thenCompose(w -> request.apply(id -> new Message.Load(id, classes)))
                .thenCompose(r -> request.apply(id -> new Message.Invoke(id, className, "run", false)));
    }
}
