package dev.kiln;

/**
 * The worker process ended before (or while) answering. Every pending request fails
 * with this as soon as the process is gone; new requests fail at once.
 */
public class WorkerTerminatedException extends KilnException {
    private final int exitCode;
    private final String stderrTail;

    public WorkerTerminatedException(String workerDescription, int exitCode, String stderrTail) {
        this(workerDescription, exitCode, stderrTail, "");
    }

    /**
     * @param why why Kiln ended the worker (it broke the protocol, stalled a frame...); empty when
     *     the worker ended by itself or was stopped
     */
    public WorkerTerminatedException(String workerDescription, int exitCode, String stderrTail, String why) {
        super(describe(workerDescription, exitCode, stderrTail, why == null ? "" : why));
        this.exitCode = exitCode;
        this.stderrTail = stderrTail == null ? "" : stderrTail;
    }

    private static String describe(String worker, int exitCode, String tail, String why) {
        StringBuilder sb = new StringBuilder("worker ").append(worker).append(" has exited");
        if (exitCode != Integer.MIN_VALUE) {
            sb.append(" with code ").append(exitCode);
            if (exitCode > 128 && exitCode < 160) {
                sb.append(" (signal ").append(exitCode - 128).append(')');
            }
        }
        if (!why.isEmpty()) {
            sb.append(" (").append(why).append(')');
        }
        sb.append("; start a new worker (or restart it) to go on");
        if (tail != null && !tail.isBlank()) {
            sb.append("\n--- end of its stderr ---\n").append(tail.stripTrailing());
        }
        return sb.toString();
    }

    /** The process exit code, or {@link Integer#MIN_VALUE} if it was not known yet. */
    public int exitCode() {
        return exitCode;
    }

    /** The last lines the worker wrote to its standard error. */
    public String stderrTail() {
        return stderrTail;
    }
}
