package dev.kiln;

/** A worker could not be started: the reason, and what the JVM printed on stderr. */
public class WorkerStartException extends KilnException {
    private final String stderr;

    public WorkerStartException(String message, String stderr) {
        super(
                stderr == null || stderr.isBlank()
                        ? message
                        : message + "\n--- worker stderr ---\n" + stderr.stripTrailing());
        this.stderr = stderr == null ? "" : stderr;
    }

    public WorkerStartException(String message, String stderr, Throwable cause) {
        this(message, stderr);
        initCause(cause);
    }

    /** What the worker process wrote to its standard error before failing. */
    public String stderr() {
        return stderr;
    }
}
