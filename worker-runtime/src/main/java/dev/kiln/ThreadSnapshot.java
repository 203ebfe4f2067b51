package dev.kiln;

import java.time.Duration;
import java.util.List;

/**
 * One thread of a worker at the moment {@link Worker#threads()} looked, as {@code jstack} would
 * show it, from the worker's own JVM (no attach).
 *
 * <pre>{@code
 * worker.eval("void spin() { while (true) {} } spin()");
 * ThreadSnapshot t = worker.threads().join().get(0);   // role SNIPPET, RUNNABLE, frames "REPL.$JShell$12.spin(...)", ...
 * System.out.println(t.toJstack());
 * }</pre>
 *
 * @param id            the thread's id
 * @param name          its name
 * @param state         its state
 * @param daemon        whether it is a daemon thread
 * @param cpuTime       CPU time it used; zero when the JVM does not measure it
 * @param lockName      the lock it waits for ({@code java.lang.Object@1b6d3586}), or empty
 * @param lockOwnerId   the id of the thread that holds that lock, or -1
 * @param lockOwnerName that thread's name, or empty
 * @param frames        its stack, innermost call first, each as {@code StackTraceElement} writes it
 *                      ({@code java.lang.Thread.sleep(Native Method)}); at most 1024
 * @param locksHeld     the monitors and {@code java.util.concurrent} locks it holds
 * @param role          what it is there for
 * @param deadlocked    whether it is in a deadlock: it waits for a lock that a thread waiting for one of its own
 *                      holds, directly or through others
 */
public record ThreadSnapshot(
        long id,
        String name,
        Thread.State state,
        boolean daemon,
        Duration cpuTime,
        String lockName,
        long lockOwnerId,
        String lockOwnerName,
        List<String> frames,
        List<String> locksHeld,
        Role role,
        boolean deadlocked) {
    /** What a thread of a worker is there for. */
    public enum Role {
        /** It runs the current snippet. */
        SNIPPET,
        /** It runs a call (a lambda sent by {@link Worker#call}). */
        CALL,
        /** The user's code started it. */
        USER,
        /** Kiln's or the JVM's own; listed only by {@code threads(true)}. */
        INTERNAL
    }

    public ThreadSnapshot {
        frames = List.copyOf(frames);
        locksHeld = List.copyOf(locksHeld);
    }

    /** Whether it runs the current snippet or a call: what the worker is busy with. */
    public boolean runsRequest() {
        return role == Role.SNIPPET || role == Role.CALL;
    }

    /**
     * The thread as {@code jstack} writes it: a header line, its state, its frames, what it waits for and
     * what it holds.
     */
    public String toJstack() {
        StringBuilder sb = new StringBuilder();
        sb.append('"').append(name).append("\" #").append(id);
        if (daemon) {
            sb.append(" daemon");
        }
        sb.append(" cpu=").append(cpuTime.toMillis()).append("ms");
        if (role == Role.SNIPPET || role == Role.CALL) {
            sb.append(" (runs the ")
                    .append(role == Role.SNIPPET ? "snippet" : "call")
                    .append(')');
        }
        if (deadlocked) {
            sb.append(" DEADLOCKED");
        }
        sb.append("\n   java.lang.Thread.State: ").append(state).append('\n');
        for (int i = 0; i < frames.size(); i++) {
            sb.append("\tat ").append(frames.get(i)).append('\n');
            if (i == 0 && !lockName.isEmpty()) {
                String verb = state == Thread.State.BLOCKED ? "waiting to lock" : "waiting on";
                sb.append("\t- ").append(verb).append(" <").append(lockName).append('>');
                if (!lockOwnerName.isEmpty()) {
                    sb.append(" owned by \"")
                            .append(lockOwnerName)
                            .append("\" #")
                            .append(lockOwnerId);
                }
                sb.append('\n');
            }
        }
        if (!locksHeld.isEmpty()) {
            sb.append("\n   Locks held:\n");
            for (String l : locksHeld) {
                sb.append("\t- <").append(l).append(">\n");
            }
        }
        return sb.toString();
    }
}
