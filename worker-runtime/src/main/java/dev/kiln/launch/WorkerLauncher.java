package dev.kiln.launch;

import dev.kiln.host.WorkerProcess;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;

/**
 * Decides where and how a worker process starts, and how its connection reaches the host:
 * {@link LocalLauncher} spawns a JVM on this machine and listens on loopback. Whatever the
 * launcher, the worker gets the same invitation, sends the same token and hello, and speaks
 * the same protocol on the connection.
 */
public interface WorkerLauncher {
    /**
     * Starts a worker and invites it (spawned and invited, not yet connected).
     *
     * @throws LaunchException when the process cannot be started at all
     */
    Launch launch(LaunchRequest request) throws LaunchException;

    /**
     * A started worker.
     *
     * @param process      the process
     * @param spawnNanos   {@link System#nanoTime()} right before it was spawned
     * @param connection   completes with the worker's connection once it has presented its token
     * @param doorbellName the name of its OS interrupt doorbell
     * @param listener     stops waiting for the connection (closed once the worker is in, or gone)
     */
    record Launch(
            WorkerProcess process,
            long spawnNanos,
            CompletableFuture<Socket> connection,
            String doorbellName,
            AutoCloseable listener) {}
}
