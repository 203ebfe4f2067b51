package dev.kiln.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.platform.OsFamily;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the app starts its first worker before JavaFX: only where a window can open. */
class EarlySpareTest {
    @Test
    void windowsOpenOnWindowsAndMacosAlwaysAndOnUnixesOnlyWithADisplay() {
        assertThat(EarlySpare.windowsCanOpen(OsFamily.WINDOWS, Map.of())).isTrue();
        assertThat(EarlySpare.windowsCanOpen(OsFamily.MACOS, Map.of())).isTrue();
        for (OsFamily unix : new OsFamily[] {OsFamily.LINUX, OsFamily.OTHER_UNIX}) {
            assertThat(EarlySpare.windowsCanOpen(unix, Map.of()))
                    .as("%s without a display (a server, a CI job): the app fails at once", unix)
                    .isFalse();
            assertThat(EarlySpare.windowsCanOpen(unix, Map.of("DISPLAY", " "))).isFalse();
            assertThat(EarlySpare.windowsCanOpen(unix, Map.of("DISPLAY", ":0"))).isTrue();
            assertThat(EarlySpare.windowsCanOpen(unix, Map.of("WAYLAND_DISPLAY", "wayland-0")))
                    .isTrue();
        }
    }
}
