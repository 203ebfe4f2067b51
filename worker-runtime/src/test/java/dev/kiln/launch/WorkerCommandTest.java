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
    void theClassPathIsTheUsersAloneAndKilnStartsFromItsBootModule() {
        List<String> win = WorkerCommand.of(
                OsFamily.WINDOWS,
                Path.of("C:\\jdk"),
                List.of("-Xshare:auto"),
                List.of("-Xmx1g"),
                Path.of("boot.jar"),
                List.of(Path.of("kiln.jar"), Path.of("kryo.jar")),
                List.of(Path.of("a.jar"), Path.of("b.jar")));
        assertThat(win.get(0)).endsWith("java.exe");
        assertThat(win)
                .containsSubsequence(
                        "-Xshare:auto",
                        "-Xmx1g",
                        "-cp",
                        "a.jar;b.jar",
                        "-Xbootclasspath/a:boot.jar",
                        "dev.kiln.WorkerBoot",
                        WorkerCommand.WORKER_MAIN,
                        "kiln.jar",
                        "kryo.jar");
        List<String> linux = WorkerCommand.of(
                OsFamily.LINUX,
                Path.of("/jdk"),
                List.of(),
                List.of(),
                Path.of("boot.jar"),
                List.of(Path.of("kiln.jar")),
                List.of());
        assertThat(linux)
                .as("no class path: only the user's would be there")
                .containsExactly(
                        "/jdk/bin/java",
                        "-Djava.class.path=",
                        "-Xbootclasspath/a:boot.jar",
                        "dev.kiln.WorkerBoot",
                        WorkerCommand.WORKER_MAIN,
                        "kiln.jar");
    }

    @Test
    void aLongClassPathGoesThroughAnArgumentFileWithWindowsPathsEscaped() {
        List<Path> longPath = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            longPath.add(Path.of("C:\\Users\\Zoë\\lib\\library-number-" + i + ".jar"));
        }
        List<String> cmd = WorkerCommand.of(
                OsFamily.WINDOWS, Path.of("C:\\jdk"), List.of(), List.of(), Path.of("boot.jar"), List.of(), longPath);
        assertThat(String.join(" ", cmd).length()).isGreaterThan(32_767);
        assertThat(WorkerCommand.needsArgumentFile(cmd)).isTrue();
        assertThat(WorkerCommand.needsArgumentFile(List.of("java", "-cp", "a.jar", "Main")))
                .isFalse();
        String text = WorkerCommand.argumentFileText(List.of("-cp", "C:\\Users\\Zoë\\a.jar", "say \"hi\""));
        assertThat(text).isEqualTo("\"-cp\"\n\"C:\\\\Users\\\\Zoë\\\\a.jar\"\n\"say \\\"hi\\\"\"\n");
    }
}
