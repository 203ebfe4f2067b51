package dev.kiln.app.view;

import dev.kiln.WorkerState;
import java.time.Duration;
import java.util.Locale;

/** How numbers and states read in the window. */
public final class Format {
    private Format() {}

    public static String bytes(long b) {
        if (b < 0) {
            return "–";
        }
        double mb = b / (1024.0 * 1024.0);
        return mb >= 1024
                ? String.format(Locale.ROOT, "%.1f GB", mb / 1024)
                : String.format(Locale.ROOT, "%.0f MB", mb);
    }

    public static String duration(Duration d) {
        if (d == null) {
            return "–";
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
        }
        long s = d.toSeconds();
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** The badge text: "starting", "idle", "busy", "stopping", "exited 137". */
    public static String state(WorkerState s, Integer exitCode) {
        if (s == WorkerState.EXITED) {
            return exitCode == null ? "exited" : "exited " + exitCode;
        }
        return s.name().toLowerCase(Locale.ROOT);
    }
}
