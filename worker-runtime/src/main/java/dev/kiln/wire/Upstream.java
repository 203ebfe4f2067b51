package dev.kiln.wire;

import java.io.IOException;

/**
 * The host this JVM serves, when this JVM is itself a Kiln worker: a registry of one, set by
 * the worker's main at start. Workers started inside a worker (nested workers) use it to
 * report their state up to the top host and to fetch classes their own host lacks.
 */
public interface Upstream {
    /** Sends a message to this worker's host. */
    void send(Message message);

    /** The class file at {@code resourcePath} from this worker's class path or, failing that, its host; null if none. */
    byte[] classBytes(String resourcePath) throws IOException;

    /** The host this JVM serves, or null when it is not a worker. */
    static Upstream current() {
        return Holder.current;
    }

    /** Called once by the worker's main. */
    static void install(Upstream upstream) {
        Holder.current = upstream;
    }

    /** The registry's one field (an interface cannot hold a mutable field itself). */
    final class Holder {
        private static volatile Upstream current;

        private Holder() {}
    }
}
