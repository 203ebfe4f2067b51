package dev.kiln.launch;

import dev.kiln.os.ProcessPriority;
import dev.kiln.platform.OsFamily;
import java.util.List;
import java.util.function.Supplier;

/**
 * How a worker runs at a lower CPU priority than its host, every thread of it, as a function of
 * the OS. Linux, macOS and other Unixes: its command is prefixed with {@code nice -n 10}, which
 * lowers the nice value and then execs the JVM in the same process (the pid stays the JVM's);
 * it must be set before the JVM starts, as Linux keeps a nice value per thread and a thread
 * inherits its creator's: one set after spawn would lower the main thread alone. Windows: the
 * spawned process is put in {@code BELOW_NORMAL_PRIORITY_CLASS}, which is per process.
 *
 * @param commandPrefix    what comes before the worker's command (empty for none)
 * @param belowNormalClass whether the spawned process's priority is lowered through {@link ProcessPriority}
 */
public record WorkerPriority(List<String> commandPrefix, boolean belowNormalClass) {
    /** The prefix of a low-priority worker's command on a POSIX system, here or on a remote machine. */
    public static final List<String> NICE = List.of("nice", "-n", "10");

    /** The host's priority: nothing added, nothing changed. */
    public static final WorkerPriority NORMAL = new WorkerPriority(List.of(), false);

    public WorkerPriority {
        commandPrefix = List.copyOf(commandPrefix);
    }

    /** The host's priority, or a lower one when {@code low}, as {@code os} does it. */
    public static WorkerPriority of(OsFamily os, boolean low) {
        if (!low) {
            return NORMAL;
        }
        return switch (os) {
            case WINDOWS -> new WorkerPriority(List.of(), true);
            case LINUX, MACOS, OTHER_UNIX -> new WorkerPriority(NICE, false);
        };
    }

    /** {@code cmd} with the prefix in front. */
    public List<String> command(List<String> cmd) {
        return WorkerCommand.prefixed(commandPrefix, cmd);
    }

    /** Once the process with {@code pid} is spawned: lowers its priority class, if this OS does it that way. */
    public void afterSpawn(long pid, Supplier<ProcessPriority> adjuster) {
        if (belowNormalClass) {
            adjuster.get().lower(pid);
        }
    }
}
