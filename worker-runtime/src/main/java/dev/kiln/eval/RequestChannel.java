package dev.kiln.eval;

import dev.kiln.wire.Message;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/** How the evaluator reaches its worker: send a request built for a fresh id, get the raw reply. */
public interface RequestChannel {
    CompletableFuture<Message> request(LongFunction<Message> build);

    /** Asks the worker to stop what it runs (the control message, then the OS doorbell). */
    void interrupt();
}
