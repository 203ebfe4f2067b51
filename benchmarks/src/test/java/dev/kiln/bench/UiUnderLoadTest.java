package dev.kiln.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.platform.OsFamily;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UiUnderLoadTest {

    @Test
    void aLinuxOrUnixHostWithoutAnXDisplayLeavesTheRowsOut() {
        assertThat(UiUnderLoad.hasDisplay(OsFamily.LINUX, Map.of())).isFalse();
        assertThat(UiUnderLoad.hasDisplay(OsFamily.LINUX, Map.of("DISPLAY", " ")))
                .isFalse();
        assertThat(UiUnderLoad.hasDisplay(OsFamily.OTHER_UNIX, Map.of())).isFalse();
        assertThat(UiUnderLoad.hasDisplay(OsFamily.LINUX, Map.of("DISPLAY", ":99")))
                .isTrue();
    }

    @Test
    void windowsAndMacOsAlwaysHaveADisplay() {
        assertThat(UiUnderLoad.hasDisplay(OsFamily.WINDOWS, Map.of())).isTrue();
        assertThat(UiUnderLoad.hasDisplay(OsFamily.MACOS, Map.of())).isTrue();
    }

    @Test
    void theFloodPrintsNumberedLinesFromZero() {
        assertThat(UiUnderLoad.printLoop(3))
                .isEqualTo("for (int i = 0; i < 3; i++) System.out.println(\"line \" + i);");
    }
}
