package dev.kiln.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.HeapHistogramEntry;
import dev.kiln.ThreadSnapshot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackGroupTest {
    private static ThreadSnapshot thread(
            long id, String name, ThreadSnapshot.Role role, boolean dead, String... frames) {
        return new ThreadSnapshot(
                id,
                name,
                Thread.State.WAITING,
                false,
                Duration.ZERO,
                dead ? "java.lang.Object@1" : "",
                dead ? 9 : -1,
                dead ? "other" : "",
                List.of(frames),
                List.of(),
                role,
                dead);
    }

    @Test
    void threadsWithTheSameStackAreOneGroupAndTheSnippetsThreadComesFirst() {
        List<ThreadSnapshot> threads = List.of(
                thread(1, "pool-1", ThreadSnapshot.Role.USER, false, "Unsafe.park", "Pool.take"),
                thread(2, "pool-2", ThreadSnapshot.Role.USER, false, "Unsafe.park", "Pool.take"),
                thread(3, "lock-a", ThreadSnapshot.Role.USER, true, "Demo.a"),
                thread(4, "kiln-eval-1", ThreadSnapshot.Role.SNIPPET, false, "Unsafe.park", "Pool.take"));

        List<StackGroup> groups = StackGroup.of(threads);

        assertThat(groups).hasSize(3);
        assertThat(groups.get(0).title()).startsWith("runs the snippet · 1 thread");
        assertThat(groups.get(1).deadlocked()).isTrue();
        assertThat(groups.get(1).title()).contains("DEADLOCKED");
        assertThat(groups.get(2).threads()).extracting(ThreadSnapshot::name).containsExactly("pool-1", "pool-2");
        assertThat(groups.get(2).title()).isEqualTo("2 threads · WAITING · pool-1, pool-2");
    }

    @Test
    void theJstackTextNamesEveryThreadAndTheDeadlock() {
        String text =
                StackGroup.jstack("worker-1", List.of(thread(3, "lock-a", ThreadSnapshot.Role.USER, true, "Demo.a")));
        assertThat(text)
                .startsWith("Threads of worker-1")
                .contains("\"lock-a\" #3")
                .contains("\tat Demo.a")
                .contains("Found a Java-level deadlock")
                .contains("held by \"other\"");
    }

    @Test
    void heapRowsSayHowMuchEachClassGrewSinceThePreviousHistogram() {
        List<HeapHistogramEntry> before = List.of(new HeapHistogramEntry("[B", 10, 1000));
        List<HeapHistogramEntry> now =
                List.of(new HeapHistogramEntry("[B", 12, 3_000_000), new HeapHistogramEntry("Foo", 1, 16));

        List<HeapRow> rows = HeapRow.of(now, before);

        assertThat(rows.get(0).bytesChange()).isEqualTo(2_999_000);
        assertThat(rows.get(0).changeText()).isEqualTo("+2.9 MB");
        assertThat(rows.get(1).changeText()).isEqualTo("new");
        assertThat(HeapRow.of(now, null).get(0).changeText()).isEmpty();
    }
}
