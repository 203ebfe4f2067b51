package dev.kiln.os;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;

/** macOS: {@code proc_pidinfo(PROC_PIDTASKINFO)} through JNA; {@code pti_resident_size} is at offset 8. */
public final class MacProcessMetrics implements ProcessMetrics {
    private static final int PROC_PIDTASKINFO = 4;
    private static final int TASK_INFO_SIZE = 96;

    interface LibProc extends Library {
        int proc_pidinfo(int pid, int flavor, long arg, Memory buffer, int bufferSize);
    }

    private volatile LibProc lib;

    @Override
    public long rssBytes(long pid) {
        try {
            LibProc l = lib;
            if (l == null) {
                lib = l = Native.load("proc", LibProc.class);
            }
            Memory buf = new Memory(TASK_INFO_SIZE);
            int n = l.proc_pidinfo((int) pid, PROC_PIDTASKINFO, 0, buf, TASK_INFO_SIZE);
            return n == TASK_INFO_SIZE ? buf.getLong(8) : -1;
        } catch (LinkageError | RuntimeException e) {
            return -1;
        }
    }
}
