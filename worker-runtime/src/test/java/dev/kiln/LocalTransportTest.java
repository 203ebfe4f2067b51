package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.launch.NamedPipes;
import dev.kiln.launch.PipesAccess;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * How a local worker reaches its host on Linux: a pair of named pipes, no socket; a loopback socket
 * when the host turns pipes off (as on Windows and macOS, and for remote workers).
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "named pipes are Linux's; reads /proc/<pid>/fd")
class LocalTransportTest {
    private static WorkerSpec quiet() {
        return WorkerSpec.builder().echoOutput(false).build();
    }

    /** What the process's file descriptors point to: {@code socket:[...]}, {@code pipe:[...]}, paths. */
    private static List<String> openFiles(long pid) throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : fds) {
                try {
                    out.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException closedMeanwhile) {
                    // gone between the listing and the read
                }
            }
        }
        return out;
    }

    @Test
    void aLocalWorkerTalksThroughNamedPipesWhoseNamesAreGoneAndHoldsNoSocket() throws Exception {
        PipesAccess.makeSharedPairsNow();
        try (Worker w = Worker.start(quiet())) {
            assertThat(w.evalFetch("Math.sqrt(123)")).isEqualTo(Math.sqrt(123));
            assertThat((int) w.callFetch(() -> 1 + 1)).isEqualTo(2);
            List<String> files = openFiles(w.pid());
            assertThat(files).noneMatch(f -> f.startsWith("socket:"));
            assertThat(files)
                    .anyMatch(f -> f.contains("/kiln-pipes-") && f.endsWith(".up (deleted)"))
                    .anyMatch(f -> f.contains("/kiln-pipes-") && f.endsWith(".down (deleted)"));
        }
    }

    @Test
    void withPipesTurnedOffByTheHostAWorkerConnectsOverLoopback() throws Exception {
        PipesAccess.makeSharedPairsNow();
        String before = System.getProperty(NamedPipes.PROPERTY);
        System.setProperty(NamedPipes.PROPERTY, "false");
        try (Worker w = Worker.start(quiet())) {
            assertThat((int) w.callFetch(() -> 40 + 2)).isEqualTo(42);
            List<String> files = openFiles(w.pid());
            assertThat(files).anyMatch(f -> f.startsWith("socket:"));
            assertThat(files).noneMatch(f -> f.contains("/kiln-pipes-"));
        } finally {
            if (before == null) {
                System.clearProperty(NamedPipes.PROPERTY);
            } else {
                System.setProperty(NamedPipes.PROPERTY, before);
            }
        }
    }
}
