package dev.kiln.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Linux: {@code VmRSS} from {@code /proc/<pid>/status}. */
public final class LinuxProcessMetrics implements ProcessMetrics {
    @Override
    public long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024L;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone, or /proc is not mounted
        }
        return -1;
    }
}
