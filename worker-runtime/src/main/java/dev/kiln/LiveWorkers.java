package dev.kiln;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The registry of this JVM's live workers; a JVM that exits kills them first (no orphan process). */
final class LiveWorkers {
    private static final Set<Worker> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> LIVE.forEach(Worker::killAtHostExit), "kiln-kill-workers-on-exit"));
    }

    private LiveWorkers() {}

    static void add(Worker w) {
        LIVE.add(w);
    }

    static void remove(Worker w) {
        LIVE.remove(w);
    }

    static List<Worker> running() {
        return LIVE.stream().filter(Worker::isRunning).toList();
    }
}
