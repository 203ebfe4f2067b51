package dev.kiln.app.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.WorkerSpec;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.platform.OsFamily;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecFormTest {
    @Test
    void emptyFormIsTheDefaultSpecWithoutEcho() {
        WorkerSpec s = new SpecForm("", "", "", "", "", "", "", "").toSpec();
        assertThat(s.name()).isEmpty();
        assertThat(s.usesHostJdk()).isTrue();
        assertThat(s.jvmArgs()).isEmpty();
        assertThat(s.echoOutput()).isFalse();
        assertThat(s.workingDirectory())
                .as("the home folder: a packaged app's own folder is read-only")
                .contains(Path.of(System.getProperty("user.home"))
                        .toAbsolutePath()
                        .normalize());
    }

    @Test
    void everyFieldLandsInTheSpec(@TempDir Path dir) {
        WorkerSpec s = new SpecForm(
                        "demo",
                        System.getProperty("java.home"),
                        "256m",
                        "-XX:+UseSerialGC  -Dk=v",
                        "A=1\nB=x=y\n",
                        dir.toString(),
                        dir.toString(),
                        "org.apache.commons:commons-lang3:3.14.0\n\n  com.google.guava:guava:jar:33.0.0-jre  \n")
                .toSpec();
        assertThat(s.name()).contains("demo");
        assertThat(s.jvmArgs()).containsExactly("-Xmx256m", "-XX:+UseSerialGC", "-Dk=v");
        assertThat(s.env()).isEqualTo(Map.of("A", "1", "B", "x=y"));
        assertThat(s.classpath()).isEqualTo(List.of(dir.toAbsolutePath().normalize()));
        assertThat(s.workingDirectory()).contains(dir.toAbsolutePath().normalize());
        assertThat(s.dependencies())
                .containsExactly("org.apache.commons:commons-lang3:3.14.0", "com.google.guava:guava:33.0.0-jre");
    }

    @Test
    void aDependencyThatIsNotACoordinateIsQuotedWithTheShapeToWrite() {
        assertThatThrownBy(() -> new SpecForm("", "", "", "", "", "", "", "g:a:1\ncommons-lang3\n").toSpec())
                .hasMessageStartingWith("Dependencies: \"commons-lang3\" is not a Maven coordinate")
                .hasMessageContaining("groupId:artifactId:version")
                .hasMessageEndingWith("(one a line)");
    }

    @Test
    void wrongFieldsSayWhatToFix() {
        assertThatThrownBy(() -> new SpecForm("", "", "lots", "", "", "", "", "").toSpec())
                .hasMessageContaining("Max heap")
                .hasMessageContaining("512m");
        assertThatThrownBy(() -> new SpecForm("", "", "", "", "NOVALUE", "", "", "").toSpec())
                .hasMessageContaining("NAME=value");
        assertThatThrownBy(() -> new SpecForm("", "", "", "", "", "", "/nonexistent/kiln-dir", "").toSpec())
                .hasMessageContaining("/nonexistent/kiln-dir does not exist");
    }

    @Test
    void aFolderThatIsNotAJdkIsSaidInTheUsersWords(@TempDir Path notAJdk) {
        assertThatThrownBy(() -> new SpecForm("", notAJdk.toString(), "", "", "", "", "", "").toSpec(OsFamily.LINUX))
                .hasMessage("That folder is not a JDK: " + notAJdk
                        + " has no bin/java. Choose the folder that contains bin/java.");
        assertThat(SpecForm.notAJdk(OsFamily.MACOS, notAJdk)).endsWith("bin/java (on macOS, the .jdk bundle).");
        assertThat(SpecForm.notAJdk(OsFamily.WINDOWS, notAJdk)).contains("has no bin\\java.exe");
    }

    @Test
    void aBareHeapSizeIsMegabytesAndUnitsAreTakenAsWritten() {
        assertThat(SpecForm.heapSize("512")).isEqualTo("512m");
        assertThat(SpecForm.heapSize("512m")).isEqualTo("512m");
        assertThat(SpecForm.heapSize("2G")).isEqualTo("2g");
        assertThat(SpecForm.heapSize("2 GB")).isEqualTo("2g");
        assertThat(SpecForm.heapSize("1.5g")).isEqualTo("1536m");
        assertThat(SpecForm.heapSize("0.5")).isEqualTo("512k");
        assertThat(new SpecForm("", "", "256", "", "", "", "", "").toSpec().jvmArgs())
                .containsExactly("-Xmx256m");
        assertThatThrownBy(() -> SpecForm.heapSize("0")).hasMessageContaining("too small");
        assertThatThrownBy(() -> SpecForm.heapSize("-Xmx=garbage")).hasMessageContaining("not a size");
    }

    @Test
    void theWorkbenchsWorkersRunAtLowCpuPriorityUnlessTheFormSaysNot() {
        assertThat(WorkbenchViewModel.defaultSpec().lowPriority()).isTrue();
        assertThat(new SpecForm("", "", "", "", "", "", "", "").toSpec().lowPriority())
                .isTrue();
        assertThat(new SpecForm("", "", "", "", "", "", "", "", "", "", "", false)
                        .toSpec()
                        .lowPriority())
                .isFalse();
    }

    private static SpecForm remote(String host, String javaHome, String workDir, String identity, String knownHosts) {
        return new SpecForm("", javaHome, "", "", "", "", workDir, "", host, identity, knownHosts, true);
    }

    @Test
    void aHostMakesAWorkerOnThatMachineWithItsFoldersUncheckedHere(@TempDir Path dir) throws Exception {
        Path key = java.nio.file.Files.writeString(dir.resolve("id_ed25519"), "key");
        Path known = java.nio.file.Files.writeString(dir.resolve("known_hosts"), "");
        WorkerSpec s = remote(
                        " ssh://me@build-box:2222 ",
                        "/nonexistent/remote/jdk-21",
                        "/nonexistent/remote/work",
                        key.toString(),
                        known.toString())
                .toSpec();
        assertThat(s.host()).contains("ssh://me@build-box:2222");
        assertThat(s.javaHome()).isEqualTo(Path.of("/nonexistent/remote/jdk-21"));
        assertThat(s.workingDirectory()).contains(Path.of("/nonexistent/remote/work"));
        assertThat(s.sshIdentity()).contains(key.toAbsolutePath().normalize());
        assertThat(s.sshKnownHosts()).contains(known.toAbsolutePath().normalize());

        WorkerSpec defaults = remote("me@build-box", "", "", "", "").toSpec();
        assertThat(defaults.host()).contains("me@build-box");
        assertThat(defaults.usesHostJdk())
                .as("that machine's JAVA_HOME or java")
                .isTrue();
        assertThat(defaults.workingDirectory()).as("the home folder over there").isEmpty();
        assertThat(defaults.sshIdentity()).as("~/.ssh's keys").isEmpty();
        assertThat(defaults.sshKnownHosts()).as("~/.ssh/known_hosts").isEmpty();
    }

    @Test
    void anEmptyHostIsThisMachineAndTheSshFieldsAreIgnored() {
        WorkerSpec s = remote("  ", "", "", "/nonexistent/key", "/nonexistent/known_hosts")
                .toSpec();
        assertThat(s.host()).isEmpty();
        assertThat(s.sshIdentity()).isEmpty();
        assertThat(s.sshKnownHosts()).isEmpty();
    }

    @Test
    void aMalformedHostSaysWhatIsWrongAndTheShapesToWrite() {
        for (String bad :
                new String[] {"me@", "build box", "me@build-box:2222", "http://build-box", "ssh://me:pw@box"}) {
            assertThatThrownBy(() -> remote(bad, "", "", "", "").toSpec())
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Host \"" + bad + "\" is not an SSH target (")
                    .hasMessageEndingWith("write user@host, ssh://user@host:port, or a Host name of ~/.ssh/config");
        }
        assertThatThrownBy(() -> remote("me@build-box:2222", "", "", "", "").toSpec())
                .hasMessageContaining("a port needs the ssh:// form, e.g. ssh://me@build-box:2222");
    }

    @Test
    void missingSshFilesAreNamedWithWhatToChoose() {
        assertThatThrownBy(() ->
                        remote("me@box", "", "", "/nonexistent/id_ed25519", "").toSpec())
                .hasMessage("The identity file /nonexistent/id_ed25519 does not exist: choose your private SSH key"
                        + " (such as ~/.ssh/id_ed25519), or leave it empty for the keys in ~/.ssh");
        assertThatThrownBy(
                        () -> remote("me@box", "", "", "", "/nonexistent/known").toSpec())
                .hasMessageStartingWith("The known hosts file /nonexistent/known does not exist: choose a file with"
                        + " the machine's host key")
                .hasMessageEndingWith("or leave it empty for ~/.ssh/known_hosts");
    }
}
