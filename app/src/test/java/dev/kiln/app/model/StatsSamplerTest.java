package dev.kiln.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.WorkerStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * How often the workbench asks each worker for its figures, over simulated ticks (the test plays the
 * timer and the UI thread): the selected worker every tick, the others every few, none twice at once.
 */
class StatsSamplerTest {
    private final List<String> workers = new ArrayList<>();
    private final AtomicReference<String> selected = new AtomicReference<>();
    private final Set<String> exited = new HashSet<>();
    private final Map<String, Integer> asked = new HashMap<>();
    private final Map<String, Integer> delivered = new HashMap<>();
    /** Answers held back, to play a worker that is slow to answer. */
    private final Map<String, CompletableFuture<WorkerStats>> held = new HashMap<>();

    private final Set<String> slow = new HashSet<>();

    private final StatsSampler<String> sampler = new StatsSampler<>(
            Ui.direct(),
            () -> workers,
            selected::get,
            w -> !exited.contains(w),
            this::ask,
            (w, s) -> delivered.merge(w, 1, Integer::sum));

    private CompletableFuture<WorkerStats> ask(String w) {
        asked.merge(w, 1, Integer::sum);
        if (slow.contains(w)) {
            CompletableFuture<WorkerStats> f = new CompletableFuture<>();
            held.put(w, f);
            return f;
        }
        return CompletableFuture.completedFuture(sample());
    }

    private static WorkerStats sample() {
        return new WorkerStats(
                Instant.EPOCH,
                100 << 20,
                10 << 20,
                20 << 20,
                64 << 20,
                5 << 20,
                Duration.ofMillis(300),
                12,
                1,
                Duration.ofMillis(3),
                2);
    }

    private void ticks(int n) {
        for (int i = 0; i < n; i++) {
            sampler.tick();
        }
    }

    @Test
    void overAMinuteTheSelectedWorkerIsAskedEverySecondAndEachOtherEveryFiveSeconds() {
        for (int i = 1; i <= 10; i++) {
            workers.add("worker-" + i);
        }
        selected.set("worker-10");

        ticks(60);

        assertThat(asked.get("worker-10"))
                .as("the selected worker, whose charts show")
                .isEqualTo(60);
        for (int i = 1; i <= 9; i++) {
            assertThat(asked.get("worker-" + i))
                    .as("worker-%d, shown only by its memory in the list", i)
                    .isEqualTo(60 / StatsSampler.BACKGROUND_EVERY);
        }
        int all = asked.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(all).as("requests in a minute with ten workers").isEqualTo(60 + 9 * 12);
        assertThat(delivered).isEqualTo(asked);
    }

    @Test
    void aWorkerJustSelectedIsAskedAtTheNextTickThenEverySecond() {
        workers.addAll(List.of("a", "b"));
        selected.set("a");
        ticks(2); // b was asked at the first tick
        selected.set("b");
        ticks(3);
        assertThat(asked.get("b"))
                .as("asked at tick 1, then at ticks 3, 4 and 5")
                .isEqualTo(4);
        assertThat(asked.get("a"))
                .as("no longer selected: not due again before tick 7")
                .isEqualTo(2);
    }

    @Test
    void aWorkerThatHasNotAnsweredIsNotAskedAgainAndOneThatCannotAnswerIsNeverAsked() {
        workers.addAll(List.of("slow", "gone"));
        selected.set("slow");
        slow.add("slow");
        exited.add("gone");
        ticks(10);
        assertThat(asked.get("slow")).as("its first answer never came").isEqualTo(1);
        assertThat(asked).doesNotContainKey("gone");

        held.get("slow").complete(sample());
        ticks(1);
        assertThat(asked.get("slow")).as("asked again once it answered").isEqualTo(2);
        assertThat(delivered.get("slow")).isEqualTo(1);
    }

    @Test
    void answersThatArriveTogetherReachTheUiInOnePost() {
        workers.addAll(List.of("a", "b", "c"));
        slow.addAll(workers);
        List<Runnable> queued = new ArrayList<>(); // a UI thread that is busy until the test runs what was posted
        StatsSampler<String> batched = new StatsSampler<>(
                queued::add,
                () -> workers,
                () -> null,
                w -> true,
                this::ask,
                (w, s) -> delivered.merge(w, 1, Integer::sum));
        batched.tick();
        held.values().forEach(f -> f.complete(sample()));
        assertThat(queued).as("one post for three answers").hasSize(1);
        queued.get(0).run();
        assertThat(delivered).containsOnlyKeys("a", "b", "c");
    }
}
