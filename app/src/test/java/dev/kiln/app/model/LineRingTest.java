package dev.kiln.app.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** The output's capped line list: the newest lines kept, drops told as removals from the top. */
class LineRingTest {
    private static List<String> range(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "l" + i).toList();
    }

    /** Each change as text: "-from:removed" and "+from..to". */
    private static List<String> record(LineRing<String> ring) {
        List<String> changes = new ArrayList<>();
        ring.addListener((ListChangeListener<String>) c -> {
            while (c.next()) {
                if (c.wasRemoved()) {
                    changes.add("-" + c.getFrom() + ":" + c.getRemovedSize());
                }
                if (c.wasAdded()) {
                    changes.add("+" + c.getFrom() + ".." + c.getTo());
                }
            }
        });
        return changes;
    }

    @Test
    void appendingPastTheCapKeepsTheNewestAndTellsTheDropAsARemovalFromTheTop() {
        LineRing<String> ring = new LineRing<>(5);
        assertThat(ring.append(range(0, 3))).isZero();
        List<String> changes = record(ring);

        assertThat(ring.append(range(3, 7))).as("dropped").isEqualTo(2);
        assertThat(ring).containsExactly("l2", "l3", "l4", "l5", "l6");
        assertThat(changes).containsExactly("-0:2", "+1..5");

        // Wrapping around the array many times keeps the order.
        for (int i = 7; i < 100; i += 3) {
            ring.append(range(i, i + 3));
        }
        assertThat(ring).containsExactly("l95", "l96", "l97", "l98", "l99");
    }

    @Test
    void aBatchBiggerThanTheCapKeepsItsTailAndCountsEveryLineNotKept() {
        LineRing<String> ring = new LineRing<>(4);
        ring.append(range(0, 2));
        assertThat(ring.append(range(2, 9))).isEqualTo(5);
        assertThat(ring).containsExactly("l5", "l6", "l7", "l8");
    }

    @Test
    void removeAtAndClearTellTheirChanges() {
        LineRing<String> ring = new LineRing<>(4);
        ring.append(range(0, 6)); // l2..l5, wrapped
        List<String> changes = record(ring);
        assertThat(ring.removeAt(2)).isEqualTo("l4");
        assertThat(ring).containsExactly("l2", "l3", "l5");
        ring.append(List.of("x", "y"));
        assertThat(ring).containsExactly("l3", "l5", "x", "y");
        ring.clear();
        assertThat(ring).isEmpty();
        assertThat(changes).containsExactly("-2:1", "-0:1", "+2..4", "-0:4");
        assertThatThrownBy(() -> ring.get(0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ring.add("z")).isInstanceOf(UnsupportedOperationException.class);
    }
}
