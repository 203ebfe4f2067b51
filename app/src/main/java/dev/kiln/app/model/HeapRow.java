package dev.kiln.app.model;

import dev.kiln.HeapHistogramEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A row of the heap view: a class's live objects now, and how they changed since the previous
 * histogram of the same worker.
 *
 * @param className     the class, as the JVM names it ({@code [B} is {@code byte[]})
 * @param instances     its live objects
 * @param bytes         the bytes they take
 * @param bytesChange   bytes now less bytes at the previous histogram (0 without one)
 * @param isNew         whether the class was not in the previous histogram (false without one)
 */
public record HeapRow(String className, long instances, long bytes, long bytesChange, boolean isNew) {

    /** The rows of {@code now}, each compared with {@code before} (null: no previous histogram). */
    public static List<HeapRow> of(List<HeapHistogramEntry> now, List<HeapHistogramEntry> before) {
        Map<String, Long> earlier = new HashMap<>();
        if (before != null) {
            for (HeapHistogramEntry e : before) {
                earlier.put(e.className(), e.bytes());
            }
        }
        return now.stream()
                .map(e -> {
                    Long was = earlier.get(e.className());
                    boolean compared = before != null;
                    return new HeapRow(
                            e.className(),
                            e.instances(),
                            e.bytes(),
                            compared && was != null ? e.bytes() - was : 0,
                            compared && was == null);
                })
                .toList();
    }

    /** The change as a person reads it: {@code +95.4 MB}, {@code −12 KB}, {@code new}, or empty. */
    public String changeText() {
        if (isNew) {
            return "new";
        }
        if (bytesChange == 0) {
            return "";
        }
        return (bytesChange > 0 ? "+" : "−") + size(Math.abs(bytesChange));
    }

    /** Bytes as a person reads them, short: {@code 512 B}, {@code 2.5 KB}, {@code 95 MB}, {@code 1.2 GB}. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
