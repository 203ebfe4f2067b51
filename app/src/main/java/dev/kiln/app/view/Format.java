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

    /**
     * The machine of an SSH target, short enough for a worker's row: {@code build-box} for
     * {@code me@build-box}, {@code ssh://me@build-box:2222} or {@code build-box}; {@code ::1} for
     * {@code ssh://me@[::1]:22}.
     */
    public static String machine(String target) {
        String t = target.strip();
        int scheme = t.indexOf("://");
        if (scheme >= 0) {
            t = t.substring(scheme + 3);
        }
        int slash = t.indexOf('/');
        if (slash >= 0) {
            t = t.substring(0, slash);
        }
        t = t.substring(t.lastIndexOf('@') + 1);
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            return close > 0 ? t.substring(1, close) : t.substring(1);
        }
        int colon = t.indexOf(':');
        return colon >= 0 ? t.substring(0, colon) : t;
    }
}
