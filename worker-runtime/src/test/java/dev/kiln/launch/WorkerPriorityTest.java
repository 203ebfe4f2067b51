package dev.kiln.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.os.ProcessPriority;
import dev.kiln.platform.OsFamily;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How each OS puts a low-priority worker below its host: a {@code nice} prefix on POSIX, a priority class on Windows. */
class WorkerPriorityTest {
    private static List<String> javaCommand(OsFamily os, Path javaHome) {
        return WorkerCommand.of(os, javaHome, List.of(), List.of("-Xmx1g"), List.of(Path.of("kiln.jar")), List.of());
    }

    /** A {@link ProcessPriority} that records which pids it was asked to lower. */
    private static final class Recording implements ProcessPriority {
        final List<Long> lowered = new ArrayList<>();

        @Override
        public void lower(long pid) {
            lowered.add(pid);
        }
    }

    @Test
    void onLinuxMacosAndOtherUnixesTheJvmStartsUnderNiceAndNothingIsAdjustedAfterSpawn() {
        for (OsFamily os : List.of(OsFamily.LINUX, OsFamily.MACOS, OsFamily.OTHER_UNIX)) {
            List<String> java = javaCommand(os, Path.of("/jdk"));
            WorkerPriority low = WorkerPriority.of(os, true);
            List<String> cmd = low.command(java);
            assertThat(cmd).as(os.name()).startsWith("nice", "-n", "10");
            assertThat(cmd.subList(3, cmd.size()))
                    .as("the JVM's command follows, whole")
                    .isEqualTo(java);
            Recording adjuster = new Recording();
            low.afterSpawn(42, () -> adjuster);
            assertThat(adjuster.lowered).as(os.name()).isEmpty();
        }
    }

    @Test
    void onWindowsTheCommandIsTheJvmsAndTheSpawnedProcessIsPutBelowNormal() {
        List<String> java = javaCommand(OsFamily.WINDOWS, Path.of("C:\\jdk"));
        WorkerPriority low = WorkerPriority.of(OsFamily.WINDOWS, true);
        assertThat(low.command(java)).isEqualTo(java);
        assertThat(low.command(java).get(0)).endsWith("java.exe");
        Recording adjuster = new Recording();
        low.afterSpawn(42, () -> adjuster);
        assertThat(adjuster.lowered).containsExactly(42L);
    }

    @Test
    void aWorkerAtNormalPriorityGetsNeitherOnAnyOs() {
        for (OsFamily os : OsFamily.values()) {
            List<String> java = javaCommand(os, Path.of("/jdk"));
            WorkerPriority normal = WorkerPriority.of(os, false);
            assertThat(normal.command(java)).as(os.name()).isEqualTo(java);
            Recording adjuster = new Recording();
            normal.afterSpawn(42, () -> adjuster);
            assertThat(adjuster.lowered).as(os.name()).isEmpty();
        }
    }
}
