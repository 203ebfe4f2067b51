package dev.kiln;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest {
    @Test
    void startCallEval() {
        try (Worker w = Worker.start()) {
            assertThat(w.state()).isEqualTo(WorkerState.IDLE);
            System.err.println("launch " + w.launchTime());
            assertThat((int) w.callFetch(() -> 1 + 1)).isEqualTo(2);
            long t = System.nanoTime();
            assertThat(w.evalFetch("Math.sqrt(123)")).isEqualTo(11.090536506409418);
            System.err.println("first eval ms " + (System.nanoTime() - t) / 1e6);
            t = System.nanoTime();
            assertThat(w.evalFetch("int a = 2; a * 21")).isEqualTo(42);
            System.err.println("second eval ms " + (System.nanoTime() - t) / 1e6);
        }
    }
}
