package dev.kiln.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.platform.OsFamily;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker's command line per OS, and the argument file that long class paths need. */
class WorkerCommandTest {
    @Test
    void kilnsRuntimeIsTheJvmsClassPathAndTheUsersClassPathAnArgument() {
        List<String> win = WorkerCommand.of(
                OsFamily.WINDOWS,
                Path.of("C:\\jdk"),
                List.of("-Xshare:auto"),
                List.of("-Xmx1g"),
                List.of(Path.of("kiln.jar"), Path.of("kryo.jar")),
                List.of(Path.of("a.jar"), Path.of("b.jar")));
        assertThat(win.get(0)).endsWith("java.exe");
        assertThat(win)
                .containsSubsequence(
                        "-Xshare:auto",
                        "-Xmx1g",
                        "-cp",
                        "kiln.jar;kryo.jar",
                        WorkerCommand.WORKER_MAIN,
                        "--class-path=a.jar;b.jar");
        List<String> linux = WorkerCommand.of(
                OsFamily.LINUX,
                Path.of("/jdk"),
                List.of(),
                List.of(),
                List.of(Path.of("kiln.jar"), Path.of("jna.jar")),
                List.of());
        assertThat(linux)
                .as("no user class path: the argument is there, empty after its name")
                .containsExactly(
                        "/jdk/bin/java", "-cp", "kiln.jar:jna.jar", WorkerCommand.WORKER_MAIN, "--class-path=");
    }

    @Test
    void aLongClassPathGoesThroughAnArgumentFileWithWindowsPathsEscaped() {
        List<Path> longPath = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            longPath.add(Path.of("C:\\Users\\Zoë\\lib\\library-number-" + i + ".jar"));
        }
        List<String> cmd =
                WorkerCommand.of(OsFamily.WINDOWS, Path.of("C:\\jdk"), List.of(), List.of(), List.of(), longPath);
        assertThat(String.join(" ", cmd).length()).isGreaterThan(32_767);
        assertThat(WorkerCommand.needsArgumentFile(cmd)).isTrue();
        assertThat(WorkerCommand.needsArgumentFile(List.of("java", "-cp", "a.jar", "Main")))
                .isFalse();
        String text = WorkerCommand.argumentFileText(List.of("-cp", "C:\\Users\\Zoë\\a.jar", "say \"hi\""));
        assertThat(text).isEqualTo("\"-cp\"\n\"C:\\\\Users\\\\Zoë\\\\a.jar\"\n\"say \\\"hi\\\"\"\n");
    }
}
