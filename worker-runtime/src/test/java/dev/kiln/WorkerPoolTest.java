package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    private static final WorkerSpec SPEC =
            WorkerSpec.builder().echoOutput(false).jvmArgs("-Xmx64m").build();

    @Test
    void takeHandsOutTheReadySpareAndStartsAReplacement() throws Exception {
        try (WorkerPool pool = WorkerPool.of(SPEC, 1)) {
            pool.allReady().get(60, TimeUnit.SECONDS);
            assertThat(pool.readyCount()).isEqualTo(1);

            List<Long> sparesBefore = Worker.live().stream().map(Worker::pid).toList();
            Worker w = pool.take();
            try {
                assertThat(w.state()).isEqualTo(WorkerState.IDLE);
                assertThat(sparesBefore)
                        .as("the spare was handed out, not a new worker")
                        .contains(w.pid());
                assertThat((int) w.callFetch(() -> 6 * 7)).isEqualTo(42);
                assertThat(w.inputArguments()).contains("-Xmx64m");

                pool.allReady().get(60, TimeUnit.SECONDS); // the replacement
                assertThat(pool.readyCount()).isEqualTo(1);
                Worker next = pool.take();
                try {
                    assertThat(next.pid()).isNotEqualTo(w.pid());
                } finally {
                    next.stop();
                }
            } finally {
                w.stop();
            }
        }
    }

    @Test
    void aSpareTakenOnceStartedButStillWarmingUpAnswersItsTakersRequests() throws Exception {
        try (WorkerPool pool = WorkerPool.of(SPEC, 1)) {
            pool.allStarted().get(60, TimeUnit.SECONDS);
            List<Worker> spares = Worker.live();
            assertThat(spares).hasSize(1);
            assertThat(spares.get(0).state())
                    .as("started means ready to take requests")
                    .isEqualTo(WorkerState.IDLE);

            try (Worker w = pool.launch(SPEC)) {
                assertThat(w.pid())
                        .as("the spare itself, warm-up or not")
                        .isEqualTo(spares.get(0).pid());
                assertThat((int) w.callFetch(() -> 6 * 7)).isEqualTo(42);
                assertThat(w.evalFetch("1 + 1")).isEqualTo(2);
            }
        }
    }

    @Test
    void aSparesWarmUpWaitsForWhatThePoolWasToldToWaitFor() throws Exception {
        CompletableFuture<Void> windowDrawn = new CompletableFuture<>();
        try (WorkerPool pool = WorkerPool.of(SPEC, 1, WorkerPool.DEFAULT_REFILL_DELAY, windowDrawn)) {
            pool.allStarted().get(60, TimeUnit.SECONDS);
            assertThat(pool.allReady())
                    .as("not warmed up before the gate opens")
                    .isNotDone();
            assertThat(pool.readyCount()).isZero();

            windowDrawn.complete(null);
            pool.allReady().get(60, TimeUnit.SECONDS);
            assertThat(pool.readyCount()).isEqualTo(1);
        }
    }

    @Test
    void aSpareNeverServesADifferentLaunch() throws Exception {
        try (WorkerPool pool = WorkerPool.of(SPEC, 1)) {
            pool.allReady().get(60, TimeUnit.SECONDS);
            long sparePid = spareStillThere(pool);

            WorkerSpec other = SPEC.toBuilder().jvmArgs("-Xmx80m").build();
            try (Worker w = pool.take(other)) {
                assertThat(w.pid()).isNotEqualTo(sparePid);
                assertThat(w.inputArguments()).contains("-Xmx80m").doesNotContain("-Xmx64m");
            }
            assertThat(pool.readyCount()).as("the spare stays for its own spec").isEqualTo(1);

            WorkerSpec sameLaunchOtherName = SPEC.toBuilder().name("renamed").build();
            try (Worker w = pool.take(sameLaunchOtherName)) {
                assertThat(w.pid()).isEqualTo(sparePid);
            }
        }
    }

    @Test
    void closeStopsTheSparesButNotTakenWorkers() throws Exception {
        WorkerPool pool = WorkerPool.of(SPEC, 2);
        pool.allReady().get(60, TimeUnit.SECONDS);
        Worker taken = pool.take();
        try {
            pool.allReady().get(60, TimeUnit.SECONDS);
            long[] spares = Worker.live().stream()
                    .filter(w -> w != taken)
                    .mapToLong(Worker::pid)
                    .toArray();
            assertThat(spares).hasSize(2);
            pool.close();
            for (long pid : spares) {
                ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
            }
            assertThat(taken.isRunning()).isTrue();
            assertThatThrownBy(pool::take)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            pool.close(); // idempotent
        } finally {
            taken.stop();
        }
    }

    @Test
    void aPoolOfZeroStartsWorkersOnDemand() {
        try (WorkerPool pool = WorkerPool.of(SPEC, 0);
                Worker w = pool.take()) {
            assertThat(w.state()).isEqualTo(WorkerState.IDLE);
            assertThat(pool.readyCount()).isZero();
        }
    }

    @Test
    void rejectsANegativeSizeOrDelay() {
        assertThatThrownBy(() -> WorkerPool.of(SPEC, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> WorkerPool.of(SPEC, 1, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refill delay");
    }

    @Test
    void aSpareIsWarmedSoItsFirstEvaluationFindsTheEngineLoaded() throws Exception {
        long cold;
        try (Worker w = Worker.start(SPEC)) {
            cold = classesLoadedByFirstEvaluation(w);
        }
        try (WorkerPool pool = WorkerPool.of(SPEC, 1)) {
            pool.allReady().get(60, TimeUnit.SECONDS);
            try (Worker w = pool.take()) {
                assertThat(w.state()).isEqualTo(WorkerState.IDLE); // the warm-up is not a user request
                long warm = classesLoadedByFirstEvaluation(w);
                assertThat(warm)
                        .as("classes a warmed spare loads for its first evaluation (a cold worker: %d)", cold)
                        .isLessThan(cold / 3);
            }
        }
    }

    @Test
    void theReplacementStartsAfterTheRefillDelay() throws Exception {
        try (WorkerPool pool = WorkerPool.of(SPEC, 1, Duration.ofSeconds(5))) {
            pool.allReady().get(60, TimeUnit.SECONDS);
            try (Worker w = pool.take()) {
                assertThat(Worker.live())
                        .as("nothing competes with the taken worker at first")
                        .containsExactly(w);
                pool.allReady().get(60, TimeUnit.SECONDS); // includes the replacement, once started
                assertThat(pool.readyCount()).isEqualTo(1);
                assertThat(Worker.live()).hasSize(2);
            }
        }
    }

    /** How many classes the worker loads to evaluate its first snippet, {@code 1 + 1}. */
    private static long classesLoadedByFirstEvaluation(Worker w) {
        long before = w.callFetch(() ->
                java.lang.management.ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        assertThat((Integer) w.evalFetch("1 + 1")).isEqualTo(2);
        long after = w.callFetch(() ->
                java.lang.management.ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        return after - before;
    }

    /** The pid of the pool's only spare (the pool's spares are the only live workers here). */
    private static long spareStillThere(WorkerPool pool) {
        assertThat(pool.readyCount()).isEqualTo(1);
        assertThat(Worker.live()).hasSize(1);
        return Worker.live().get(0).pid();
    }
}
