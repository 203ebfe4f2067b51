package dev.kiln.concurrent;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
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
    /**
     * The registry of the threads Kiln made (weakly held): the group alone does not say, since a
     * thread that user code starts on a Kiln thread (a call's) lands in Kiln's group too.
     */
    private static final Set<Thread> OWN = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

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
        return daemon(r, name, true);
    }

    /**
     * A daemon thread in Kiln's group (not started), which inherits its maker's inheritable
     * thread-locals only when asked: a Kiln thread that a user thread may make (a worker's output
     * flusher, started by a first print) must not keep the user's values alive.
     */
    public static Thread daemon(Runnable r, String name, boolean inheritThreadLocals) {
        Thread t = new Thread(GROUP, r, name, 0, inheritThreadLocals);
        t.setDaemon(true);
        OWN.add(t);
        return t;
    }

    /** Counts {@code t}, a thread Kiln did not create, as Kiln's own (a worker's main thread, which serves Kiln). */
    public static void adopt(Thread t) {
        OWN.add(t);
    }

    /** Whether Kiln made {@code t} (or {@linkplain #adopt adopted} it): it never runs the user's code of its own. */
    public static boolean isKilns(Thread t) {
        return OWN.contains(t);
    }

    /** Whether {@code t} runs in Kiln's group, or a group beneath it (where the threads of the user's code start). */
    public static boolean inKilnsGroup(Thread t) {
        for (ThreadGroup g = t.getThreadGroup(); g != null; g = g.getParent()) {
            if (g == GROUP) {
                return true;
            }
        }
        return false;
    }

    /** Starts a daemon thread in Kiln's group. */
    public static Thread start(Runnable r, String name) {
        Thread t = daemon(r, name);
        t.start();
        return t;
    }

    /** A factory of daemon threads named {@code prefix1, prefix2...} in Kiln's group. */
    public static ThreadFactory factory(String prefix) {
        return new Named(prefix);
    }

    /** A class, not a lambda: a worker makes its pools' factories on the way to its first reply. */
    private static final class Named implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger n = new AtomicInteger();

        Named(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            return daemon(r, prefix + n.incrementAndGet());
        }
    }
}
