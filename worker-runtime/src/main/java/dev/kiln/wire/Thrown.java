package dev.kiln.wire;

/**
 * One throwable of a chain, as data: what the worker's code threw, or one of its causes.
 * A failure carries the chain outermost first; the host never loads {@code className}.
 *
 * @param className the worker-side class name, e.g. {@code java.lang.ArithmeticException}
 * @param message   its message, or null
 * @param frames    its stack, innermost call first
 */
public record Thrown(String className, String message, StackFrame[] frames) {
    /** Longest cause chain sent; a longer chain (or a cycle) is cut there. */
    public static final int MAX_CHAIN = 32;
    /** Most frames sent per throwable (the JVM's own default depth); the innermost are kept. */
    public static final int MAX_FRAMES = 1024;

    /**
     * The chain as a receiver may use it, whatever the peer sent: cut at {@link #MAX_CHAIN}
     * throwables or at the first missing one, each with at most {@link #MAX_FRAMES} frames.
     */
    public static Thrown[] bounded(Thrown[] chain) {
        if (chain == null) {
            return new Thrown[0];
        }
        int n = 0;
        while (n < Math.min(chain.length, MAX_CHAIN) && chain[n] != null) {
            n++;
        }
        Thrown[] out = new Thrown[n];
        for (int i = 0; i < n; i++) {
            StackFrame[] frames = chain[i].frames() == null ? new StackFrame[0] : chain[i].frames();
            out[i] = frames.length <= MAX_FRAMES
                    ? new Thrown(chain[i].className(), chain[i].message(), frames)
                    : new Thrown(chain[i].className(), chain[i].message(), java.util.Arrays.copyOf(frames, MAX_FRAMES));
        }
        return out;
    }

    /** A throwable with no frames of its own (a failure Kiln reports, not one the code threw). */
    public static Thrown[] only(String className, String message) {
        return new Thrown[] {new Thrown(className, message, new StackFrame[0])};
    }
}
