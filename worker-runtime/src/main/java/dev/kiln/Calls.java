package dev.kiln;

import dev.kiln.host.CallPayloads;
import dev.kiln.host.WorkerLink;
import dev.kiln.wire.Message;
import java.util.concurrent.CompletableFuture;

/**
 * A worker's calls: each lambda serialized and sent, its class loader made available to the
 * worker's class requests, its reply turned into a value or an exception.
 */
final class Calls {
    private final WorkerLink link;
    private final Lifecycle lifecycle;

    Calls(WorkerLink link, Lifecycle lifecycle) {
        this.link = link;
        this.lifecycle = lifecycle;
    }

    /**
     * Sends a call. With {@code fireAndForget} nothing waits for a reply (the worker sends none)
     * and a call that cannot be made throws at once; otherwise the future gives the value.
     */
    CompletableFuture<Object> send(Object task, boolean fireAndForget) {
        byte[] payload;
        try {
            payload = CallPayloads.of(task);
        } catch (IllegalArgumentException e) {
            return fail(e, fireAndForget);
        }
        ClassLoader loader = task.getClass().getClassLoader();
        link.classes().addLoader(loader);
        // The class the worker would ask for first goes ahead of the call: no round trip before the call can start.
        Message.ClassOffer ahead = link.classes().offerFor(task);
        if (fireAndForget) {
            Replies.await(link.sendOneWay(ahead, id -> new Message.Call(id, payload, true)));
            return CompletableFuture.completedFuture(null);
        }
        return lifecycle.tracked(link.request(ahead, id -> new Message.Call(id, payload, false))
                .thenApply(reply -> Replies.valueOrThrow(reply, loader, "the call")));
    }

    private static CompletableFuture<Object> fail(RuntimeException e, boolean fireAndForget) {
        if (fireAndForget) {
            throw e;
        }
        return CompletableFuture.failedFuture(e);
    }
}
