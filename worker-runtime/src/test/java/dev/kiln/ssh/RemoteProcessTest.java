package dev.kiln.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote process's signals and measurements go through exec channels of their own: TERM,
 * the interrupt doorbell (INT) and KILL reach the process, its exit reports the signal as a local
 * shell does (128 + its number), and its resident memory is read with ps there.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "runs OpenSSH's server, /usr/sbin/sshd (Debian: openssh-server)")
class RemoteProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path tmp;

    static SshTestServer sshd;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = SshTestServer.start(Files.createDirectories(tmp.resolve("sshd")));
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.stop();
        }
    }

    private static RemoteProcess sleeper() throws Exception {
        return spawn("exec sleep 600");
    }

    private static RemoteProcess spawn(String command) throws Exception {
        SshConnection ssh = SshConnection.open(sshd.options(), TIMEOUT);
        return RemoteProcess.spawn(ssh, "echo $$\n" + command, TIMEOUT);
    }

    @Test
    void signalsReachTheProcessAndItsExitSaysWhichEndedIt() throws Exception {
        RemoteProcess term = sleeper();
        assertThat(ProcessHandle.of(term.pid())).isPresent(); // the remote pid, on this machine here
        assertThat(term.residentBytesAsync().get(10, TimeUnit.SECONDS)).isPositive();
        term.terminate();
        assertThat(term.onExit().get(10, TimeUnit.SECONDS)).isEqualTo(128 + 15);
        assertThat(term.isAlive()).isFalse();
        assertThat(term.endedBecause()).isEmpty();

        RemoteProcess rung = sleeper();
        rung.ringDoorbell("");
        assertThat(rung.onExit().get(10, TimeUnit.SECONDS)).isEqualTo(128 + 2);

        RemoteProcess killed = sleeper();
        killed.kill();
        assertThat(killed.onExit().get(10, TimeUnit.SECONDS)).isEqualTo(128 + 9);
        assertThat(killed.residentBytes()).isEqualTo(-1); // gone: nothing to measure
    }

    @Test
    void aProcessWhoseConnectionIsLostCountsAsEndedAtOnceAndEndsThere() throws Exception {
        // Like a worker, it reads its stdin until it ends.
        RemoteProcess p = spawn("exec cat > /dev/null");
        ProcessHandle there = ProcessHandle.of(p.pid()).orElseThrow();
        sshd.dropConnections();
        assertThat(p.onExit().get(10, TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(p.endedBecause()).contains("SSH connection").contains("was lost");
        there.onExit().get(10, TimeUnit.SECONDS); // its stdin closed with the session
    }
}
