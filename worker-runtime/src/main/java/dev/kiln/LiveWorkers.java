package dev.kiln;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The registry of this JVM's live workers; a JVM that exits kills them first (no orphan process). */
final class LiveWorkers {
    /** Each live worker, and what kills its process at once. */
    private static final Map<Worker, Runnable> LIVE = new ConcurrentHashMap<>();

    /** Set once this JVM has begun to exit: a worker started from then on would not be stopped with it. */
    private static volatile boolean exiting;

    static {
        try {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                exiting = true;
                                LIVE.values().forEach(Runnable::run);
                            },
                            "kiln-kill-workers-on-exit"));
        } catch (IllegalStateException shutdownInProgress) {
            exiting = true; // first used as the JVM exits
        }
    }

    private LiveWorkers() {}

    /** Whether this JVM has begun to exit (its shutdown hooks run): no worker may be started now. */
    static boolean exiting() {
        return exiting;
    }

    static void add(Worker w, Runnable kill) {
        LIVE.put(w, kill);
    }

    static void remove(Worker w) {
        LIVE.remove(w);
    }

    static List<Worker> running() {
        return LIVE.keySet().stream().filter(Worker::isRunning).toList();
    }
}
