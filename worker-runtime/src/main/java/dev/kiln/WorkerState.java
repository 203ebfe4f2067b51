package dev.kiln;

/** The life of a worker process, as {@link Worker#state()} reports it. */
public enum WorkerState {
    /** The process is launching and has not completed its handshake yet. */
    STARTING,
    /** Connected, nothing running. */
    IDLE,
    /** At least one evaluation or call is running or queued. */
    BUSY,
    /** A stop was requested; the process is shutting down. */
    STOPPING,
    /** The process has exited (its exit code is in {@link Worker#onExit()}). */
    EXITED;

    /** True for STARTING, IDLE and BUSY: states in which a worker accepts requests. */
    public boolean isLive() {
        return this == STARTING || this == IDLE || this == BUSY;
    }
}
