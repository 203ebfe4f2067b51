package dev.kiln.bench;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file both processes keep mapped, for the {@link Transfer} row that shows what a shared-memory
 * lane for large results would reach: the worker's call copies its array into the file, the host
 * copies it out into a new array. Each side maps the file once and keeps the mapping, so its pages
 * stay resident between transfers (made fresh for every transfer, the pages' faulting in cost more
 * than the socket: 60 ms for 50 MB here).
 */
final class SharedRegion {
    /** The worker's mapping; made by its first {@link #fill}. */
    private static MappedByteBuffer mapped;

    private SharedRegion() {}

    /** Where the region lives: in memory where the OS has such a folder ({@code /dev/shm}), else the temp folder. */
    static Path create() throws IOException {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempFile(shm, "kiln-bench-", ".region")
                : Files.createTempFile("kiln-bench-", ".region");
    }

    /** Maps {@code bytes} of {@code file}, read-write (the worker's side, which extends it) or read-only. */
    static MappedByteBuffer map(Path file, int bytes, boolean write) throws IOException {
        try (FileChannel fc = write
                ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer m =
                    fc.map(write ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY, 0, bytes);
            m.order(ByteOrder.nativeOrder());
            return m;
        }
    }

    /** Runs in the worker: makes a new {@code int[]} of {@code bytes} and copies it into the region; its length. */
    static synchronized int fill(String file, int bytes) throws IOException {
        if (mapped == null) {
            mapped = map(Path.of(file), bytes, true);
        }
        int[] made = new int[bytes / 4];
        made[made.length - 1] = made.length;
        mapped.duplicate().order(ByteOrder.nativeOrder()).asIntBuffer().put(0, made);
        return made.length;
    }
}
