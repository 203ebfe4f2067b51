package dev.kiln;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A serializable {@link Callable}, so that a lambda can be sent to a worker.
 *
 * <pre>{@code
 * int two = worker.callFetch(() -> 1 + 1);
 * }</pre>
 *
 * @param <R> the result type; the result travels back as data (see {@link Worker})
 */
@FunctionalInterface
public interface RemoteCallable<R> extends Callable<R>, Serializable {}
