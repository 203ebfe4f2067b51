package dev.kiln;

/**
 * A worker started inside a worker (or deeper), as its top host sees it.
 *
 * @param pid      the nested worker's process id
 * @param hostPid  the process id of the worker that started it
 * @param name     its name
 * @param state    its last known state
 * @param exitCode its exit code once EXITED, else -1
 */
public record NestedWorker(long pid, long hostPid, String name, WorkerState state, int exitCode) {}
