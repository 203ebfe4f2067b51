package dev.kiln.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.platform.OsFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @Test
    void valuesAndEditorTextRoundTrip(@TempDir Path dir) throws Exception {
        Settings s = new Settings(dir.resolve("kiln"));
        assertThat(s.editorText()).isNull();
        assertThat(s.getDouble("window.width", 1280)).isEqualTo(1280);
        s.put("window.width", 900.0);
        s.put("theme", "dark");
        s.save("int x = 1;\n");
        Settings again = new Settings(dir.resolve("kiln"));
        assertThat(again.getDouble("window.width", 1280)).isEqualTo(900);
        assertThat(again.get("theme", "light")).isEqualTo("dark");
        assertThat(again.editorText()).isEqualTo("int x = 1;\n");
    }

    @Test
    void recentHostsComeBackMostRecentFirstOnceEachAndAtMostTen(@TempDir Path dir) throws Exception {
        Settings s = new Settings(dir);
        assertThat(s.recentHosts()).isEmpty();
        s.rememberHost("me@build-box");
        s.rememberHost("ssh://me@10.0.0.5:2222");
        s.rememberHost(" me@build-box ");
        s.rememberHost("");
        s.save(null);
        assertThat(new Settings(dir).recentHosts()).containsExactly("me@build-box", "ssh://me@10.0.0.5:2222");

        Settings many = new Settings(dir);
        for (int i = 1; i <= 12; i++) {
            many.rememberHost("host-" + i);
        }
        many.save(null);
        List<String> kept = new Settings(dir).recentHosts();
        assertThat(kept)
                .hasSize(Settings.RECENT_HOSTS)
                .startsWith("host-12", "host-11")
                .endsWith("host-3");
    }

    @Test
    void lowCpuPriorityIsOnUntilUncheckedAndThenRemembered(@TempDir Path dir) throws Exception {
        Settings s = new Settings(dir);
        assertThat(s.lowPriority()).isTrue();
        s.rememberLowPriority(false);
        s.save(null);
        assertThat(new Settings(dir).lowPriority()).isFalse();
        s.rememberLowPriority(true);
        s.save(null);
        assertThat(new Settings(dir).lowPriority()).isTrue();
    }

    @Test
    void aCorruptFileFallsBackToDefaults(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("settings.properties"), "window.width=wide\n");
        assertThat(new Settings(dir).getDouble("window.width", 1280)).isEqualTo(1280);
    }

    /** POSIX only: Windows has no POSIX permissions (there the profile folder is private). */
    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC, OS.FREEBSD, OS.OPENBSD, OS.SOLARIS, OS.AIX})
    void theEditorTextAndSettingsAreReadableByTheirOwnerOnly(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("config").resolve("kiln");
        Settings s = new Settings(folder);
        s.put("theme", "dark");
        s.save("String password = \"secret\";\n");
        assertThat(permissions(folder)).isEqualTo("rwx------");
        assertThat(permissions(folder.resolve("settings.properties"))).isEqualTo("rw-------");
        assertThat(permissions(folder.resolve("editor.jsh"))).isEqualTo("rw-------");

        // Files an older Kiln wrote readable by everyone, and a temporary file a crash left: replaced owner-only.
        Files.setPosixFilePermissions(folder.resolve("editor.jsh"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(folder.resolve("editor.jsh.tmp"), "left over");
        Files.setPosixFilePermissions(folder.resolve("editor.jsh.tmp"), PosixFilePermissions.fromString("rw-rw-rw-"));
        s.save("int x = 2;\n");
        assertThat(permissions(folder.resolve("editor.jsh"))).isEqualTo("rw-------");
        assertThat(new Settings(folder).editorText()).isEqualTo("int x = 2;\n");
        assertThat(folder.resolve("editor.jsh.tmp")).doesNotExist();
    }

    @Test
    void onlyPosixSystemsGetPermissionsWindowsKeepsItsProfileFolders() {
        assertThat(Settings.ownerOnly(OsFamily.LINUX, "rw-------")).hasSize(1);
        assertThat(Settings.ownerOnly(OsFamily.MACOS, "rw-------")).hasSize(1);
        assertThat(Settings.ownerOnly(OsFamily.WINDOWS, "rw-------")).isEmpty();
    }

    private static String permissions(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
