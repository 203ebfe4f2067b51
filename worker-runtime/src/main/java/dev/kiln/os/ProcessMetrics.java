package dev.kiln.os;

import dev.kiln.platform.OsFamily;

/** Reads a process's resident memory from the OS. One implementation per OS family. */
public interface ProcessMetrics {
    /** Resident set size of the process in bytes, or -1 when it cannot be read (process gone). */
    long rssBytes(long pid);

    static ProcessMetrics forCurrentOs() {
        return forOs(OsFamily.current());
    }

    static ProcessMetrics forOs(OsFamily os) {
        return switch (os) {
            case WINDOWS -> new WindowsProcessMetrics();
            case MACOS -> new MacProcessMetrics();
            case LINUX, OTHER_UNIX -> new LinuxProcessMetrics();
        };
    }
}
