package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class path too long for a command line (Windows caps one at 32,767 characters) reaches the
 * worker whole, through the same argument-file code that Windows uses.
 */
class LongClassPathTest {
    @Test
    void aClassPathOf40000CharactersReachesTheWorker(@TempDir Path tmp) throws IOException {
        List<Path> entries = new ArrayList<>();
        int length = 0;
        for (int i = 0; length < 40_000; i++) {
            Path p = Files.createDirectories(tmp.resolve("a folder with spaces").resolve("classes-" + i));
            entries.add(p);
            length += p.toString().length() + 1;
        }
        try (Worker w = Worker.start(
                WorkerSpec.builder().echoOutput(false).classpath(entries).build())) {
            String cp = w.callFetch(() -> System.getProperty("java.class.path"));
            List<String> seen = List.of(cp.split(File.pathSeparator));
            assertThat(seen).containsAll(entries.stream().map(Path::toString).toList());
            List<String> launchedWith = ProcessHandle.of(w.pid())
                    .flatMap(p -> p.info().arguments())
                    .map(List::of)
                    .orElse(List.of());
            assertThat(launchedWith).as("the worker's own command line").anyMatch(a -> a.startsWith("@"));
        }
    }
}
