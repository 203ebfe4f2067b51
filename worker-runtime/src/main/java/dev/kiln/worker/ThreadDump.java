package dev.kiln.worker;

import dev.kiln.concurrent.KilnThreads;
import dev.kiln.wire.StackFrame;
import dev.kiln.wire.ThreadData;
import dev.kiln.wire.ThreadRole;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The worker's threads, as data: what {@code jstack} would show, from the JVM's own
 * {@link ThreadMXBean} (no attach), with each thread's role: the snippet's, a call's, one the
 * user's code started, or Kiln's and the JVM's own.
 */
final class ThreadDump {
    private ThreadDump() {}

    /**
     * @param all       whether Kiln's and the JVM's own threads are wanted too
     * @param snippet   the thread that runs the current snippet, or null
     * @param calls     the threads that run calls now
     * @param userGroup the group of the threads the user's code starts besides Kiln's (the worker's main group)
     */
    static ThreadData[] take(boolean all, Thread snippet, Collection<Thread> calls, ThreadGroup userGroup) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<Thread> threads = new ArrayList<>();
        List<ThreadRole> roles = new ArrayList<>();
        for (Thread t : liveThreads()) {
            ThreadRole role = role(t, snippet, calls, userGroup);
            if (all || role != ThreadRole.INTERNAL) {
                threads.add(t);
                roles.add(role);
            }
        }
        long[] ids = threads.stream().mapToLong(Thread::getId).toArray();
        ThreadInfo[] infos = mx.getThreadInfo(
                ids, mx.isObjectMonitorUsageSupported(), mx.isSynchronizerUsageSupported(), ThreadData.MAX_FRAMES);
        Set<Long> deadlocked = deadlocked(mx);
        boolean cpu = mx.isThreadCpuTimeSupported() && mx.isThreadCpuTimeEnabled();
        List<ThreadData> out = new ArrayList<>();
        for (int i = 0; i < infos.length; i++) {
            ThreadInfo info = infos[i];
            if (info == null) {
                continue; // ended since it was listed
            }
            out.add(new ThreadData(
                    info.getThreadId(),
                    info.getThreadName(),
                    info.getThreadState().name(),
                    info.isDaemon(),
                    cpu ? mx.getThreadCpuTime(info.getThreadId()) : -1,
                    info.getLockName(),
                    info.getLockOwnerId(),
                    info.getLockOwnerName(),
                    StackFrame.of(info.getStackTrace()),
                    locksHeld(info),
                    roles.get(i),
                    deadlocked.contains(info.getThreadId())));
        }
        return out.toArray(new ThreadData[0]);
    }

    private static ThreadRole role(Thread t, Thread snippet, Collection<Thread> calls, ThreadGroup userGroup) {
        if (t == snippet) {
            return ThreadRole.SNIPPET;
        }
        if (calls.contains(t)) {
            return ThreadRole.CALL;
        }
        if (KilnThreads.isKilns(t) || startedByKilnsLibraries(t)) {
            return ThreadRole.INTERNAL;
        }
        // Threads the user's code starts land in its group or beneath Kiln's (snippets and calls run there); the
        // rest belong to the JVM (reference handler, finalizer, cleaner, signal dispatcher...).
        return KilnThreads.inKilnsGroup(t) || inGroup(t, userGroup) ? ThreadRole.USER : ThreadRole.INTERNAL;
    }

    /**
     * A thread that Kiln's libraries started for themselves (JNA's "JNA Cleaner"): it inherits
     * Kiln's runtime loader (the JVM's application loader) as its context loader, which user
     * code never runs under (snippets and calls run with the user's loaders, and threads they
     * start inherit those).
     */
    private static boolean startedByKilnsLibraries(Thread t) {
        return t.getContextClassLoader() == ThreadDump.class.getClassLoader();
    }

    private static boolean inGroup(Thread t, ThreadGroup group) {
        for (ThreadGroup g = t.getThreadGroup(); g != null; g = g.getParent()) {
            if (g == group) {
                return true;
            }
        }
        return false;
    }

    private static List<Thread> liveThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n;
        while ((n = root.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2]; // more started meanwhile: count again
        }
        return Arrays.asList(threads).subList(0, n);
    }

    private static Set<Long> deadlocked(ThreadMXBean mx) {
        long[] ids = mx.isSynchronizerUsageSupported() ? mx.findDeadlockedThreads() : mx.findMonitorDeadlockedThreads();
        Set<Long> out = new HashSet<>();
        if (ids != null) {
            for (long id : ids) {
                out.add(id);
            }
        }
        return out;
    }

    private static String[] locksHeld(ThreadInfo info) {
        List<String> out = new ArrayList<>();
        for (LockInfo l : info.getLockedMonitors()) {
            out.add(l.toString());
        }
        for (LockInfo l : info.getLockedSynchronizers()) {
            out.add(l.toString());
        }
        return out.toArray(new String[0]);
    }
}
