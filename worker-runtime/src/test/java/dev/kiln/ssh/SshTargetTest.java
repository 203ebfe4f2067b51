package dev.kiln.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.WorkerSpec;
import dev.kiln.launch.LaunchRequest;
import dev.kiln.platform.OsFamily;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a host is written, and what a spec with one means, without any SSH server. */
class SshTargetTest {
    @Test
    void targetsParseAsOpenSshWritesThem() {
        assertThat(SshTarget.parse("ssh://me@build-server:2222")).isEqualTo(new SshTarget("me", "build-server", 2222));
        assertThat(SshTarget.parse("ssh://build-server")).isEqualTo(new SshTarget(null, "build-server", 0));
        assertThat(SshTarget.parse("me@10.0.0.5")).isEqualTo(new SshTarget("me", "10.0.0.5", 0));
        assertThat(SshTarget.parse("my-alias")).isEqualTo(new SshTarget(null, "my-alias", 0));
        assertThat(SshTarget.parse("ssh://me@[::1]:22")).isEqualTo(new SshTarget("me", "::1", 22));
        assertThat(SshTarget.parse("ssh://me@build-server:2222")).hasToString("me@build-server:2222");
    }

    @Test
    void nonsenseIsRefusedWithWhatToWrite() {
        for (String bad :
                new String[] {"", " ", "me@", "@host", "me@host:2222", "http://host", "ssh://me:pw@host", "a b"}) {
            assertThatThrownBy(() -> SshTarget.parse(bad), bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("user@host")
                    .hasMessageContaining("ssh://user@host:port");
        }
        assertThatThrownBy(() -> WorkerSpec.builder().host("me@host:2222"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ssh://me@host:2222");
    }

    @Test
    void aRemoteSpecKeepsItsPathsForTheRemoteMachineAndComparesItsSshSettings() {
        // Paths of the remote machine need not exist here.
        WorkerSpec remote = WorkerSpec.builder()
                .host("me@build-server")
                .javaHome(Path.of("/opt/jdk-21"))
                .workingDirectory(Path.of("work/demo"))
                .build();
        assertThat(remote.host()).contains("me@build-server");
        assertThat(remote.javaHome()).isEqualTo(Path.of("/opt/jdk-21"));
        assertThat(remote.workingDirectory()).contains(Path.of("work/demo"));
        assertThat(WorkerSpec.builder().host("me@build-server").build().javaHome())
                .isEqualTo(Path.of(""));
        assertThat(remote.toString()).contains("host=me@build-server");

        WorkerSpec same = remote.toBuilder().name("other").build();
        assertThat(same.sameLaunchAs(remote)).isTrue();
        assertThat(remote.toBuilder().host("me@other-server").build().sameLaunchAs(remote))
                .isFalse();
        assertThat(remote.toBuilder().sshKnownHosts(Path.of("kh")).build()).isNotEqualTo(remote);
        assertThat(remote.toBuilder().build()).isEqualTo(remote).hasSameHashCodeAs(remote);
        assertThat(remote.toBuilder()
                        .host(null)
                        .javaHome(null)
                        .workingDirectory(null)
                        .build()
                        .host())
                .isEmpty();

        // Without a host, the same paths are checked here.
        assertThatThrownBy(() -> remote.toBuilder().host(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no bin");
    }

    @Test
    void aLowPriorityRemoteWorkerStartsUnderNiceWhichExecsTheJvmInTheSameProcess() {
        RemoteSetup.Facts facts = new RemoteSetup.Facts(
                OsFamily.LINUX,
                Map.of("HOME", "/home/me"),
                "/opt/jdk/bin/java",
                17,
                "/home/me/.cache/kiln/runtime",
                List.of());
        SshLauncher.Files files = new SshLauncher.Files(List.of(), List.of());
        for (boolean low : new boolean[] {false, true}) {
            LaunchRequest r = new LaunchRequest(
                    "w",
                    Path.of(""),
                    List.of(),
                    Map.of(),
                    List.of(),
                    Optional.empty(),
                    false,
                    Path.of(".cache/kiln"),
                    Duration.ofSeconds(30),
                    low);
            String script = SshLauncher.script(r, facts, files);
            assertThat(script).as("the pid comes first").startsWith("echo $$\n");
            assertThat(script).contains(low ? "\nexec nice -n 10 env -i " : "\nexec env -i ");
        }
    }

    @Test
    void shellQuotingKeepsEveryCharacter() {
        assertThat(RemoteShell.quote("it's $HOME `x` \"y\"")).isEqualTo("'it'\\''s $HOME `x` \"y\"'");
    }

    @Test
    void javaVersionsAreReadFromJavaVersionOutput() {
        assertThat(RemoteSetup.javaFeature("openjdk version \"17.0.15\" 2025-04-15\nOpenJDK Runtime"))
                .isEqualTo(17);
        assertThat(RemoteSetup.javaFeature("java version \"1.8.0_392\"")).isEqualTo(8);
        assertThat(RemoteSetup.javaFeature("openjdk version \"25-ea\" 2025-09-16"))
                .isEqualTo(25);
        assertThat(RemoteSetup.javaFeature("sh: 1: java: not found")).isZero();
    }
}
