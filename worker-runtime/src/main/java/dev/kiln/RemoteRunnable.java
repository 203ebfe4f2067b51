package dev.kiln;

import java.io.Serializable;

/** A serializable {@link Runnable}, so that a lambda can be sent to a worker. */
@FunctionalInterface
public interface RemoteRunnable extends Runnable, Serializable {}
