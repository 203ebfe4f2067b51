package dev.kiln.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Scratch folders of a benchmark run: made in the temporary folder, and deleted with all they hold. */
final class Scratch {
    private Scratch() {}

    /** A new scratch folder, deleted with its contents when this JVM exits. */
    static Path folderUntilExit(String prefix) throws IOException {
        Path folder = Files.createTempDirectory(prefix);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                deleteTree(folder);
                            } catch (IOException | UncheckedIOException e) {
                                System.err.println("could not delete the scratch folder " + folder + ": " + e);
                            }
                        },
                        "delete " + folder.getFileName()));
        return folder;
    }

    /** Deletes {@code root} and everything under it; nothing when it is gone already. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
