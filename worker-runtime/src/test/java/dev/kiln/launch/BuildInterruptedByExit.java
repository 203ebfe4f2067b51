package dev.kiln.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A host that exits while it builds a class data sharing archive: it starts a build, waits until
 * the build's temporary archive exists (written by the training run, before it is checked and
 * moved into place), then exits. Arguments: the cache folder, then the runtime jars.
 */
public final class BuildInterruptedByExit {
    private BuildInterruptedByExit() {}

    public static void main(String[] args) throws Exception {
        Path cache = Path.of(args[0]);
        List<Path> runtime = Arrays.stream(args).skip(1).map(Path::of).toList();
        ClassDataSharing.ensureArchive(Path.of(System.getProperty("java.home")), runtime, cache);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(cache.resolve("cds"))) {
                if (files.anyMatch(f -> f.getFileName().toString().contains(".tmp"))) {
                    System.out.println("temporary archive written; exiting");
                    System.exit(0);
                }
            } catch (java.io.IOException notYet) {
                // the folder is made by the build
            }
            LockSupport.parkNanos(5_000_000); // poll the folder every 5 ms
        }
        System.exit(3);
    }
}
