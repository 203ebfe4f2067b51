package dev.kiln.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.NestedWorker;
import dev.kiln.WorkerState;
import org.junit.jupiter.api.Test;

/** Nested workers' names in the tree: unique, showing their parent, stable once given. */
class NestedNamesTest {
    private static final long TOP = 100;

    private static NestedWorker nested(long pid, long hostPid, String name) {
        return new NestedWorker(pid, hostPid, name, WorkerState.IDLE, -1);
    }

    @Test
    void generatedNamesBecomeTheParentsNameAndAPlaceAtEveryDepth() {
        NestedNames names = new NestedNames(TOP, "worker-1");
        NestedWorker a = nested(1, TOP, "worker-1");
        NestedWorker b = nested(2, TOP, "worker-2");
        NestedWorker aChild = nested(3, 1, "worker-1"); // every JVM counts its own workers from 1
        NestedWorker bChild = nested(4, 2, "worker-1");
        for (NestedWorker n : new NestedWorker[] {a, b, aChild, bChild}) {
            names.accept(n);
        }
        assertThat(names.name(a)).isEqualTo("worker-1.1");
        assertThat(names.name(b)).isEqualTo("worker-1.2");
        assertThat(names.name(aChild)).isEqualTo("worker-1.1.1");
        assertThat(names.name(bChild)).isEqualTo("worker-1.2.1");
        assertThat(names.parentName(a)).isEqualTo("worker-1");
        assertThat(names.parentName(bChild)).isEqualTo("worker-1.2");
    }

    @Test
    void aChosenNameIsKeptAndMadeUniqueWhenTaken() {
        NestedNames names = new NestedNames(TOP, "demo");
        NestedWorker first = nested(1, TOP, "inner");
        NestedWorker second = nested(2, TOP, "inner");
        NestedWorker sameAsTop = nested(3, 1, "demo");
        names.accept(first);
        names.accept(second);
        names.accept(sameAsTop);
        assertThat(names.name(first)).isEqualTo("inner");
        assertThat(names.name(second)).isEqualTo("inner #2");
        assertThat(names.name(sameAsTop)).isEqualTo("demo #2");
        assertThat(names.parentName(sameAsTop)).isEqualTo("inner");
    }

    @Test
    void aNameOnceGivenStaysThroughLaterReports() {
        NestedNames names = new NestedNames(TOP, "worker-3");
        names.accept(nested(1, TOP, "worker-1"));
        names.accept(nested(2, TOP, "worker-2"));
        NestedWorker exited = new NestedWorker(1, TOP, "worker-1", WorkerState.EXITED, 0);
        names.accept(exited);
        assertThat(names.name(exited)).isEqualTo("worker-3.1");
        assertThat(names.name(nested(9, TOP, "worker-9")))
                .as("not reported yet: its own name")
                .isEqualTo("worker-9");
    }
}
