package dev.kiln.launch;

import dev.kiln.host.LaunchedWorker;

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
    LaunchedWorker launch(LaunchRequest request) throws LaunchException;

    /** As {@link #launch}; a process that cannot be started at all becomes a worker whose start fails. */
    default LaunchedWorker launchOrNotStarted(LaunchRequest request) {
        try {
            return launch(request);
        } catch (LaunchException e) {
            return LaunchedWorker.notStarted(e);
        }
    }
}
