package dev.kiln.os;

import java.util.Locale;

/** Reads a process's resident memory from the OS. One implementation per OS family. */
public interface ProcessMetrics {
    /** Resident set size of the process in bytes, or -1 when it cannot be read (process gone). */
    long rssBytes(long pid);

    static ProcessMetrics forCurrentOs() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return new WindowsProcessMetrics();
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return new MacProcessMetrics();
        }
        return new LinuxProcessMetrics();
    }
}
