package dev.kiln.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every thread Kiln creates lives in one thread group under the system group. Threads
 * inherit the group of the thread that creates them, and snippet code runs in JShell's own
 * group, which an interrupt stops as a whole (ThreadGroup.stop on JDK 17): a Kiln thread
 * first needed by user code (a nested worker's reader, the output flusher) must not land
 * there and die with the user's code.
 */
public final class KilnThreads {
    private static final ThreadGroup GROUP = new ThreadGroup(systemGroup(), "kiln");

    private KilnThreads() {}

    private static ThreadGroup systemGroup() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) {
            g = g.getParent();
        }
        return g;
    }

    /** A daemon thread in Kiln's group (not started). */
    public static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(GROUP, r, name);
        t.setDaemon(true);
        return t;
    }

    /** Starts a daemon thread in Kiln's group. */
    public static Thread start(Runnable r, String name) {
        Thread t = daemon(r, name);
        t.start();
        return t;
    }

    /** A factory of daemon threads named {@code prefix1, prefix2...} in Kiln's group. */
    public static ThreadFactory factory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> daemon(r, prefix + n.incrementAndGet());
    }
}
