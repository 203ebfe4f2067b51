package dev.kiln;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The registry of this JVM's live workers; a JVM that exits kills them first (no orphan process). */
final class LiveWorkers {
    /** Each live worker, and what kills its process at once. */
    private static final Map<Worker, Runnable> LIVE = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> LIVE.values().forEach(Runnable::run), "kiln-kill-workers-on-exit"));
    }

    private LiveWorkers() {}

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
