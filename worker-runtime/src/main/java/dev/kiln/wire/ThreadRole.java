package dev.kiln.wire;

/** What a worker's thread is there for (see {@link ThreadData}). */
public enum ThreadRole {
    /** It runs the current snippet. */
    SNIPPET,
    /** It runs a call (a lambda sent by the host). */
    CALL,
    /** The user's code started it. */
    USER,
    /** Kiln's or the JVM's own (the control thread, the reference handler...). */
    INTERNAL
}
