package dev.kiln.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.platform.OsFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The pid a worker says in its hello: the host signals and measures that process. */
class WorkerHelloTest {
    private static final long OWN = ProcessHandle.current().pid();

    @Test
    void onLinuxItIsTheNameProcSelfLinksTo() {
        assertThat(WorkerHello.currentPid(OsFamily.LINUX, () -> "/proc/4242")).isEqualTo(4242);
    }

    @Test
    void whatCannotBeReadThereOrElsewhereIsProcessHandles() {
        assertThat(WorkerHello.currentPid(OsFamily.LINUX, () -> null)).isEqualTo(OWN);
        assertThat(WorkerHello.currentPid(OsFamily.LINUX, () -> "/proc/self")).isEqualTo(OWN);
        assertThat(WorkerHello.currentPid(OsFamily.LINUX, () -> "/elsewhere/12"))
                .isEqualTo(OWN);
        assertThat(WorkerHello.currentPid(OsFamily.MACOS, () -> "/proc/4242")).isEqualTo(OWN);
        assertThat(WorkerHello.currentPid(OsFamily.WINDOWS, () -> "/proc/4242")).isEqualTo(OWN);
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "reads /proc/self")
    void thisProcessSaysItsOwnPid() {
        assertThat(WorkerHello.current().pid()).isEqualTo(OWN);
    }
}
