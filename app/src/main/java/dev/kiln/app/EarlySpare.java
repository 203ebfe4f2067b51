package dev.kiln.app;

import dev.kiln.WorkerPool;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.platform.OsFamily;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The app's first worker, started as the app starts: before JavaFX, on a thread of its own, so that
 * the library's first use (its classes, the class data sharing archive's checks) overlaps the
 * toolkit's start and the window's build rather than following them, and the worker is ready when
 * the window's first frame is drawn. Its warm-up (the host's JShell for it) waits until the window
 * is complete ({@link #windowComplete()}). Nothing starts unless {@link #start()} is called: the
 * self-test and the UI tests start none.
 */
final class EarlySpare {
    private static final CompletableFuture<Void> WINDOW_COMPLETE = new CompletableFuture<>();
    private static volatile CompletableFuture<WorkerPool> pool;

    private EarlySpare() {}

    /**
     * Starts the pool of one spare worker with the workbench's default spec, in the background
     * (returns at once); nothing where no window can open (see {@link #windowsCanOpen}): the app
     * then fails at once, and a worker spawned as it exits would only be in the way.
     */
    static synchronized void start() {
        if (pool == null && windowsCanOpen(OsFamily.current(), System.getenv())) {
            pool = CompletableFuture.supplyAsync(
                    () -> WorkerPool.of(
                            WorkbenchViewModel.defaultSpec(), 1, WorkerPool.DEFAULT_REFILL_DELAY, WINDOW_COMPLETE),
                    r -> {
                        Thread t = new Thread(r, "kiln-app-early-spare");
                        t.setDaemon(true);
                        t.start();
                    });
        }
    }

    /**
     * Whether JavaFX can open a window here, as far as the environment tells before it starts:
     * always on Windows and macOS; on Linux and other Unixes only with an X or Wayland display.
     */
    static boolean windowsCanOpen(OsFamily os, Map<String, String> env) {
        return switch (os) {
            case WINDOWS, MACOS -> true;
            case LINUX, OTHER_UNIX -> isSet(env.get("DISPLAY")) || isSet(env.get("WAYLAND_DISPLAY"));
        };
    }

    private static boolean isSet(String v) {
        return v != null && !v.isBlank();
    }

    /** The pool {@link #start()} began making, or null if it was not called. */
    static CompletableFuture<WorkerPool> pool() {
        return pool;
    }

    /** Completed by the workbench once its window is complete: the spare's warm-up may begin. */
    static CompletableFuture<Void> windowComplete() {
        return WINDOW_COMPLETE;
    }
}
