package dev.kiln.app.model;

import dev.kiln.WorkerState;

/**
 * A worker started by a worker, as the tree shows it under its host. Mirrors the library's
 * nested-worker report (pid, host pid, name, state, exit code).
 */
public record NestedWorkerItem(long pid, long hostPid, String name, WorkerState state, int exitCode) {
}
