package dev.kiln.os;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What can be checked of the Windows metrics anywhere: the access its process handle asks for. */
class WindowsProcessMetricsTest {
    @Test
    void theHandleAsksForWhatGetProcessMemoryInfoNeeds() {
        int queryLimitedInformation = 0x1000;
        int vmRead = 0x0010;
        assertThat(WindowsProcessMetrics.MEMORY_INFO_ACCESS & queryLimitedInformation)
                .isNotZero();
        assertThat(WindowsProcessMetrics.MEMORY_INFO_ACCESS & vmRead).isNotZero();
    }
}
