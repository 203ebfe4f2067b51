package dev.kiln;

/**
 * Code running in a worker threw. Only text crosses the wire: the worker-side
 * exception class name, its message and its stack trace as printed in the worker.
 * The host never loads the worker's exception class.
 */
public class RemoteException extends KilnException {
    private final String exceptionClassName;
    private final String remoteMessage;
    private final String remoteStackTrace;

    public RemoteException(String exceptionClassName, String remoteMessage, String remoteStackTrace) {
        super(compose(exceptionClassName, remoteMessage, remoteStackTrace));
        this.exceptionClassName = exceptionClassName;
        this.remoteMessage = remoteMessage;
        this.remoteStackTrace = remoteStackTrace;
    }

    private static String compose(String className, String message, String stackTrace) {
        String head = message == null ? className : className + ": " + message;
        if (stackTrace == null || stackTrace.isBlank()) {
            return head;
        }
        return head + "\n--- worker stack trace ---\n" + stackTrace.stripTrailing();
    }

    /** The worker-side class name of the exception, e.g. {@code java.lang.ArithmeticException}. */
    public String exceptionClassName() {
        return exceptionClassName;
    }

    /** The worker-side exception's own message, or null. */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** The worker-side stack trace, as the worker printed it (with causes). */
    public String remoteStackTrace() {
        return remoteStackTrace;
    }
}
