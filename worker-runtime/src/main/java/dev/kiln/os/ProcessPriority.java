package dev.kiln.os;

/**
 * Lowers the CPU priority of a process that is already running, every thread of it. Only
 * Windows has such a mechanism for a whole process (its priority class); on Linux a nice value
 * belongs to one thread, so a POSIX worker is started under {@code nice} instead (see
 * {@code dev.kiln.launch.WorkerPriority}).
 */
public interface ProcessPriority {
    /** Puts the process with this pid below normal priority; throws {@link IllegalStateException} saying why it could not. */
    void lower(long pid);

    /** Windows's: {@code SetPriorityClass(BELOW_NORMAL_PRIORITY_CLASS)}. */
    static ProcessPriority windows() {
        return new WindowsPriorityClass();
    }
}
