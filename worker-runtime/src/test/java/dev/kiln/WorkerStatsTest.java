package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** CPU load and GC share between two samples, as the workbench's chart draws them. */
class WorkerStatsTest {
    private static WorkerStats sample(Instant at, Duration cpu, Duration gc, int processors) {
        return new WorkerStats(at, 1, 1, 1, 1, 1, cpu, 3, 0, gc, processors);
    }

    @Test
    void cpuLoadIsTheShareOfTheProcessorsKeptBusy() {
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        WorkerStats a = sample(t0, Duration.ofMillis(500), Duration.ZERO, 4);
        WorkerStats b = sample(t0.plusSeconds(1), Duration.ofMillis(2500), Duration.ofMillis(100), 4);
        assertThat(b.cpuLoadSince(a)).isCloseTo(0.5, within(1e-9)); // 2 s of CPU in 1 s on 4 processors
        assertThat(b.gcShareSince(a)).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void noTimeBetweenSamplesOrAClockThatWentBackMeansNoLoad() {
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        WorkerStats a = sample(t0, Duration.ofMillis(500), Duration.ZERO, 2);
        assertThat(a.cpuLoadSince(a)).isZero();
        assertThat(a.cpuLoadSince(sample(t0.plusSeconds(1), Duration.ZERO, Duration.ZERO, 2)))
                .isZero();
        assertThat(sample(t0.plusSeconds(1), Duration.ofSeconds(9), Duration.ofSeconds(9), 1)
                        .cpuLoadSince(a))
                .isEqualTo(1.0);
    }
}
