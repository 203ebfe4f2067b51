package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The orphan check leaves out the console host Windows gives every console child. */
class NoOrphansExtensionTest {
    @Test
    void windowsConsoleHostsAreNotOrphans() {
        assertThat(NoOrphansExtension.isConsoleHost("C:\\Windows\\System32\\conhost.exe"))
                .isTrue();
        assertThat(NoOrphansExtension.isConsoleHost("C:\\Windows\\System32\\CONHOST.EXE"))
                .isTrue();
        assertThat(NoOrphansExtension.isConsoleHost("/usr/lib/jvm/java-17/bin/java"))
                .isFalse();
        assertThat(NoOrphansExtension.isConsoleHost("C:\\jdk\\bin\\java.exe")).isFalse();
    }
}
