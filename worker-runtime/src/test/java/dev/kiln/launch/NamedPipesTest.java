package dev.kiln.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.platform.OsFamily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Named pipes for local workers: made ahead by mkfifo, owner-only, each pair handed out once. */
class NamedPipesTest {
    @Test
    void onlyLinuxWorkersConnectThroughNamedPipes() {
        assertThat(NamedPipes.forOs(OsFamily.LINUX)).isPresent();
        assertThat(NamedPipes.forOs(OsFamily.MACOS)).isEmpty();
        assertThat(NamedPipes.forOs(OsFamily.WINDOWS)).isEmpty();
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "runs mkfifo")
    void aBatchIsMadeInAnOwnerOnlyFolderAndEachPairIsHandedOutOnce(@TempDir Path tmp) throws Exception {
        NamedPipes pipes = new NamedPipes(tmp);
        pipes.fillNow();
        Path folder = pipes.folder();
        assertThat(folder.getParent()).isEqualTo(tmp);
        assertThat(folder.getFileName().toString())
                .startsWith("kiln-pipes-" + ProcessHandle.current().pid() + "-");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                .isEqualTo("rwx------");
        assertThat(pipes.ready()).isEqualTo(NamedPipes.BATCH);
        Set<Path> taken = new HashSet<>();
        for (int i = 0; i < NamedPipes.BATCH; i++) {
            Path pair = pipes.take().orElseThrow();
            assertThat(taken.add(pair)).as("handed out once").isTrue();
            for (String end : List.of(".up", ".down")) {
                Path p = Path.of(pair + end);
                assertThat(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                                .isOther())
                        .as("%s is a named pipe", p)
                        .isTrue();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                        .isEqualTo("rw-------");
            }
        }
        pipes.awaitFill(); // taking them all made more, in the background
        assertThat(pipes.ready()).isEqualTo(NamedPipes.BATCH);
        assertThat(taken).doesNotContain(pipes.take().orElseThrow());
        pipes.awaitFill();
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "runs mkfifo")
    void theFolderOfAHostThatIsGoneIsRemovedAndALiveHostsIsKept(@TempDir Path tmp) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = Files.createDirectory(tmp.resolve("kiln-pipes-" + gone.pid() + "-1234"));
        Files.writeString(stale.resolve("1.up"), "left behind");
        Path live = Files.createDirectory(
                tmp.resolve("kiln-pipes-" + ProcessHandle.current().pid() + "-5678"));
        Path other = Files.createDirectory(tmp.resolve("kiln-pipes-of-someone"));

        new NamedPipes(tmp).folder();

        assertThat(stale).doesNotExist();
        assertThat(live).exists();
        assertThat(other).exists();
    }

    @Test
    void theHostPidIsReadFromAFolderName() {
        assertThat(NamedPipes.hostPid("kiln-pipes-4242-98765")).isEqualTo(4242);
        assertThat(NamedPipes.hostPid("kiln-pipes-x-98765")).isEqualTo(-1);
        assertThat(NamedPipes.hostPid("kiln-pipes-4242")).isEqualTo(-1);
        assertThat(NamedPipes.hostPid("other-4242-1")).isEqualTo(-1);
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "runs mkfifo")
    void whereNoPipeCanBeMadeTheFillSaysWhyAndWorkersUseASocket(@TempDir Path tmp) throws Exception {
        NamedPipes nowhere = new NamedPipes(tmp.resolve("no-such-folder"));
        assertThatThrownBy(nowhere::fillNow).isInstanceOf(IOException.class).hasMessageContaining("no-such-folder");
        assertThat(nowhere.take()).isEmpty();
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "runs mkfifo")
    void theHostPropertyTurnsPipesOff(@TempDir Path tmp) throws Exception {
        NamedPipes pipes = new NamedPipes(tmp);
        pipes.fillNow();
        String before = System.getProperty(NamedPipes.PROPERTY);
        System.setProperty(NamedPipes.PROPERTY, "false");
        List<Optional<Path>> got = new ArrayList<>();
        try {
            got.add(pipes.take());
        } finally {
            if (before == null) {
                System.clearProperty(NamedPipes.PROPERTY);
            } else {
                System.setProperty(NamedPipes.PROPERTY, before);
            }
        }
        assertThat(got).containsExactly(Optional.empty());
        assertThat(pipes.take()).isPresent();
        pipes.awaitFill();
    }
}
