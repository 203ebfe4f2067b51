package dev.kiln.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.platform.OsFamily;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A worker's environment and encoding, per OS family: every family's rules checked on any machine. */
class WorkerEnvironmentTest {
    @Test
    void onWindowsASpecVariableReplacesTheKeptOneWhateverItsCase() {
        Map<String, String> env = WorkerEnvironment.build(
                Map.of("PATH", "C:\\Windows", "SystemRoot", "C:\\Windows", "SECRET", "x"),
                Map.of("Path", "C:\\Tools"),
                OsFamily.WINDOWS);
        assertThat(env.keySet().stream().filter(k -> k.equalsIgnoreCase("path")))
                .containsExactly("Path");
        assertThat(env).containsEntry("Path", "C:\\Tools").containsEntry("SystemRoot", "C:\\Windows");
        assertThat(env).doesNotContainKey("SECRET");
    }

    @Test
    void windowsKeepsItsVariablesWhateverCaseTheHostUses() {
        Map<String, String> env = WorkerEnvironment.build(
                Map.of("Path", "C:\\Windows", "systemroot", "C:\\Windows"), Map.of(), OsFamily.WINDOWS);
        assertThat(env).containsEntry("PATH", "C:\\Windows").containsEntry("SystemRoot", "C:\\Windows");
    }

    @Test
    void aWorkerGetsTheHostsXDisplayWithItsCookieAndNothingElseOfTheDesktop() {
        Map<String, String> host = Map.of(
                "PATH", "/usr/bin",
                "DISPLAY", ":0",
                "XAUTHORITY", "/run/user/1000/gdm/Xauthority",
                "DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus");
        for (OsFamily os : List.of(OsFamily.LINUX, OsFamily.MACOS)) {
            assertThat(WorkerEnvironment.build(host, Map.of(), os))
                    .as("%s", os)
                    .containsEntry("DISPLAY", ":0")
                    .containsEntry("XAUTHORITY", "/run/user/1000/gdm/Xauthority")
                    .doesNotContainKey("DBUS_SESSION_BUS_ADDRESS");
        }
    }

    @Test
    void onPosixTheKeptSetOnlyAndAUtf8LocaleOnLinux() {
        Map<String, String> host = Map.of("PATH", "/usr/bin", "HOME", "/home/ada", "JAVA_TOOL_OPTIONS", "-Xmx1m");
        assertThat(WorkerEnvironment.build(host, Map.of(), OsFamily.LINUX))
                .containsOnlyKeys("PATH", "HOME", "LANG")
                .containsEntry("LANG", "C.UTF-8");
        assertThat(WorkerEnvironment.build(host, Map.of(), OsFamily.MACOS))
                .as("no locale name that older macOS lacks: the JDK uses UTF-8 for file names there")
                .containsOnlyKeys("PATH", "HOME");
        assertThat(WorkerEnvironment.build(Map.of("LANG", "de_DE.UTF-8"), Map.of(), OsFamily.LINUX))
                .containsEntry("LANG", "de_DE.UTF-8");
        assertThat(WorkerEnvironment.build(host, Map.of("PATH", "/opt/bin"), OsFamily.LINUX))
                .containsEntry("PATH", "/opt/bin");
    }

    @Test
    void workersGetUtf8OnEveryJdk() {
        assertThat(WorkerEnvironment.kilnFlags(17, OsFamily.LINUX, false)).containsExactly("-Dfile.encoding=UTF-8");
        assertThat(WorkerEnvironment.kilnFlags(21, OsFamily.LINUX, false))
                .as("UTF-8 is the default from JDK 18")
                .isEmpty();
    }

    @Test
    void nativeAccessOnlyWhereAWorkerMayLoadJna() {
        String flag = "--enable-native-access=ALL-UNNAMED";
        assertThat(WorkerEnvironment.kilnFlags(25, OsFamily.LINUX, false))
                .as(
                        "a Linux worker born with SIGINT handled loads no JNA: its JVM keeps the JDK's archived module graph")
                .isEmpty();
        assertThat(WorkerEnvironment.kilnFlags(25, OsFamily.LINUX, true))
                .as("its doorbell resets an ignored SIGINT through libc")
                .containsExactly(flag);
        assertThat(WorkerEnvironment.kilnFlags(25, OsFamily.OTHER_UNIX, true)).containsExactly(flag);
        assertThat(WorkerEnvironment.kilnFlags(25, OsFamily.WINDOWS, false))
                .as("the Windows doorbell is a named event")
                .containsExactly(flag);
        assertThat(WorkerEnvironment.kilnFlags(25, OsFamily.MACOS, false))
                .as("macOS memory figures come through libproc")
                .containsExactly(flag);
        assertThat(WorkerEnvironment.kilnFlags(21, OsFamily.WINDOWS, true))
                .as("before JDK 22 no flag is needed")
                .isEmpty();
        assertThat(WorkerEnvironment.platformAdded(OsFamily.MACOS)).contains("__CF_USER_TEXT_ENCODING");
        assertThat(WorkerEnvironment.platformAdded(OsFamily.WINDOWS)).isEqualTo(List.of("SystemRoot"));
    }
}
