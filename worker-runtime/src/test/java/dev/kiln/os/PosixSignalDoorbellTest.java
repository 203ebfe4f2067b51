package dev.kiln.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.platform.OsFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Whether a host's workers may be born with SIGINT ignored, as each OS tells it. */
class PosixSignalDoorbellTest {
    private static final String STATUS =
            "Name:\tjava\nSigBlk:\t0000000000000000\nSigIgn:\t%s\nSigCgt:\t0000000000000000\n";

    @Test
    void linuxSaysSoInItsIgnoredSignalMask() {
        assertThat(PosixSignalDoorbell.sigintMayBeIgnored(OsFamily.LINUX, () -> STATUS.formatted("0000000000000002")))
                .isTrue();
        assertThat(PosixSignalDoorbell.sigintMayBeIgnored(OsFamily.LINUX, () -> STATUS.formatted("0000000000001000")))
                .as("SIGPIPE ignored, SIGINT not")
                .isFalse();
        assertThat(PosixSignalDoorbell.sigintMayBeIgnored(OsFamily.LINUX, () -> STATUS.formatted("0000000000000000")))
                .isFalse();
    }

    @Test
    void whatCannotBeToldMayBe() {
        assertThat(PosixSignalDoorbell.sigintMayBeIgnored(OsFamily.LINUX, () -> null))
                .as("no /proc")
                .isTrue();
        assertThat(PosixSignalDoorbell.sigintMayBeIgnored(OsFamily.LINUX, () -> "Name:\tjava\n"))
                .isTrue();
        assertThat(PosixSignalDoorbell.sigintMayBeIgnored(OsFamily.LINUX, () -> STATUS.formatted("zz")))
                .isTrue();
        assertThat(PosixSignalDoorbell.sigintMayBeIgnored(OsFamily.MACOS, () -> STATUS.formatted("0")))
                .isTrue();
        assertThat(PosixSignalDoorbell.sigintMayBeIgnored(OsFamily.OTHER_UNIX, () -> null))
                .isTrue();
    }

    @Test
    @EnabledOnOs(
            value = {OS.LINUX, OS.MAC},
            disabledReason = "rings with the kill command")
    void ringingAProcessThatIsGoneSaysWhichAndWhy() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertThatThrownBy(() -> new PosixSignalDoorbell().ring(gone.pid(), ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kill -s INT " + gone.pid() + " failed");
    }
}
