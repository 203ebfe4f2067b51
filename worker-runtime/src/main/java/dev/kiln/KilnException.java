package dev.kiln;

/** The root of every exception Kiln throws. Unchecked. */
public class KilnException extends RuntimeException {
    public KilnException(String message) {
        super(message);
    }

    public KilnException(String message, Throwable cause) {
        super(message, cause);
    }

    /** For exceptions that describe something that happened elsewhere (in a worker): no host-side stack. */
    protected KilnException(String message, Throwable cause, boolean enableSuppression, boolean writableStackTrace) {
        super(message, cause, enableSuppression, writableStackTrace);
    }

    /**
     * The failure a caller of a Kiln future should see: {@code t} without the
     * {@link java.util.concurrent.CompletionException} and
     * {@link java.util.concurrent.ExecutionException} wrappers that dependent futures and
     * {@code get()} add.
     *
     * <pre>{@code
     * worker.eval("1 / 0").whenComplete((v, e) -> {
     *     if (e != null) show(KilnException.unwrap(e).getMessage());  // a RemoteException's message
     * });
     * }</pre>
     */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException
                        || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
