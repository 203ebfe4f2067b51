package dev.kiln.app.model;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The app's pool for work that may block (stop, kill, file I/O, highlighting). */
public final class Background {
    public static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kiln-app-background");
        t.setDaemon(true);
        return t;
    });

    private Background() {}
}
