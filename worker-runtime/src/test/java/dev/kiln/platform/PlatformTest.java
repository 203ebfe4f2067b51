package dev.kiln.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OS facts as pure functions of an OS value: each family's branch checked on any OS. */
class PlatformTest {
    @TempDir
    Path tmp;

    @Test
    void osNamesMapToTheirFamily() {
        assertThat(OsFamily.of("Windows 11")).isEqualTo(OsFamily.WINDOWS);
        assertThat(OsFamily.of("Windows Server 2022")).isEqualTo(OsFamily.WINDOWS);
        assertThat(OsFamily.of("Mac OS X")).isEqualTo(OsFamily.MACOS);
        assertThat(OsFamily.of("Darwin")).isEqualTo(OsFamily.MACOS);
        assertThat(OsFamily.of("Linux")).isEqualTo(OsFamily.LINUX);
        assertThat(OsFamily.of("FreeBSD")).isEqualTo(OsFamily.OTHER_UNIX);
        assertThat(OsFamily.of(null)).isEqualTo(OsFamily.OTHER_UNIX);
        assertThat(OsFamily.WINDOWS.executableName("java")).isEqualTo("java.exe");
        assertThat(OsFamily.MACOS.executableName("java")).isEqualTo("java");
        assertThat(OsFamily.WINDOWS.isPosix()).isFalse();
        assertThat(OsFamily.LINUX.isPosix()).isTrue();
    }

    @Test
    void userFoldersFollowEachOsConvention() {
        Path home = Path.of("/home/ada");
        assertThat(UserFolders.of(OsFamily.LINUX, Map.of(), home))
                .isEqualTo(new UserFolders(home.resolve(".cache/kiln"), home.resolve(".config/kiln")));
        assertThat(UserFolders.of(
                        OsFamily.LINUX, Map.of("XDG_CACHE_HOME", "/var/c", "XDG_CONFIG_HOME", "/etc/u"), home))
                .isEqualTo(new UserFolders(Path.of("/var/c/kiln"), Path.of("/etc/u/kiln")));
        assertThat(UserFolders.of(OsFamily.LINUX, Map.of("XDG_CACHE_HOME", "relative"), home)
                        .cache())
                .as("a relative XDG path is ignored, as the XDG specification says")
                .isEqualTo(home.resolve(".cache/kiln"));
        assertThat(UserFolders.of(OsFamily.MACOS, Map.of("XDG_CACHE_HOME", "/var/c"), home))
                .isEqualTo(new UserFolders(
                        home.resolve("Library/Caches/Kiln"), home.resolve("Library/Application Support/Kiln")));
        assertThat(UserFolders.of(OsFamily.WINDOWS, Map.of("LOCALAPPDATA", "L", "APPDATA", "R"), home))
                .isEqualTo(new UserFolders(Path.of("L", "Kiln"), Path.of("R", "Kiln")));
        assertThat(UserFolders.of(OsFamily.WINDOWS, Map.of(), home))
                .isEqualTo(new UserFolders(
                        home.resolve("AppData").resolve("Local").resolve("Kiln"),
                        home.resolve("AppData").resolve("Roaming").resolve("Kiln")));
    }

    @Test
    void theRunningJdkIsFoundFirstWithItsVersion() {
        List<Jdk> jdks = Jdk.installed();
        assertThat(jdks.get(0).home())
                .isEqualTo(Path.of(System.getProperty("java.home"))
                        .toAbsolutePath()
                        .normalize());
        assertThat(jdks.get(0).feature()).isEqualTo(Runtime.version().feature());
        assertThat(jdks).extracting(Jdk::home).doesNotHaveDuplicates();
    }

    @Test
    void aMacOsBundleIsMappedToItsHomeAndVersionsComeFromTheReleaseFile() throws IOException {
        Path bundle = tmp.resolve("temurin-21.jdk");
        Path home = bundle.resolve("Contents/Home");
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin").resolve(OsFamily.current().executableName("java")), "");
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"21.0.5\"\n");
        assertThat(Jdk.homeOf(bundle)).isEqualTo(home);
        assertThat(Jdk.at(bundle)).contains(new Jdk(home.toAbsolutePath().normalize(), "21.0.5"));
        assertThat(Jdk.at(tmp)).as("no bin/java").isEmpty();
        assertThat(Jdk.feature("1.8.0_402")).isEqualTo(8);
        assertThat(Jdk.feature("25")).isEqualTo(25);
        assertThat(Jdk.feature("")).isZero();
    }

    @Test
    void javaHomeStyleVariablesAndSearchFoldersAreScanned() throws IOException {
        Path jdk = tmp.resolve("jdk-99");
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("bin").resolve(OsFamily.current().executableName("java")), "");
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"99\"\n");
        List<Jdk> found = Jdk.installed(OsFamily.current(), Map.of("JAVA_HOME_99_X64", jdk.toString()), tmp);
        assertThat(found).extracting(Jdk::feature).contains(99);
        assertThat(Jdk.searchFolders(OsFamily.WINDOWS, Map.of("ProgramFiles", "C:\\Program Files"), tmp))
                .contains(Path.of("C:\\Program Files", "Eclipse Adoptium"));
        assertThat(Jdk.searchFolders(OsFamily.MACOS, Map.of(), tmp))
                .contains(Path.of("/Library/Java/JavaVirtualMachines"));
        assertThat(Jdk.searchFolders(OsFamily.LINUX, Map.of(), tmp)).contains(Path.of("/usr/lib/jvm"));
    }

    @Test
    void theCurrentUsersFoldersFollowUserHome() {
        String home = System.getProperty("user.home");
        UserFolders before = UserFolders.current();
        assertThat(before).isEqualTo(UserFolders.of(OsFamily.current(), System.getenv(), Path.of(home)));
        try {
            System.setProperty("user.home", "/elsewhere");
            assertThat(UserFolders.current())
                    .isEqualTo(UserFolders.of(OsFamily.current(), System.getenv(), Path.of("/elsewhere")));
        } finally {
            System.setProperty("user.home", home);
        }
        assertThat(UserFolders.current()).isEqualTo(before);
    }
}
