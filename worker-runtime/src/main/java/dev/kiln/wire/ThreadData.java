package dev.kiln.wire;

/**
 * One thread of a worker, as data (see {@link Message.Threads}).
 *
 * @param id            {@code Thread.getId()}
 * @param name          the thread's name
 * @param state         {@code Thread.State}'s name
 * @param daemon        whether it is a daemon thread
 * @param cpuNanos      CPU time it used, or -1 when the JVM does not measure it
 * @param lockName      what it waits for ({@code java.lang.Object@1b6d3586}), or null
 * @param lockOwnerId   the id of the thread that holds that lock, or -1
 * @param lockOwnerName that thread's name, or null
 * @param frames        its stack, innermost call first (capped)
 * @param locksHeld     the monitors and ownable synchronizers it holds
 * @param role          why it runs: the snippet, a call, the user's code, or Kiln's and the JVM's own
 * @param deadlocked    whether it is in a deadlock ({@code ThreadMXBean.findDeadlockedThreads})
 */
public record ThreadData(
        long id,
        String name,
        String state,
        boolean daemon,
        long cpuNanos,
        String lockName,
        long lockOwnerId,
        String lockOwnerName,
        StackFrame[] frames,
        String[] locksHeld,
        ThreadRole role,
        boolean deadlocked) {
    /** Most frames sent per thread. */
    public static final int MAX_FRAMES = 1024;
}
