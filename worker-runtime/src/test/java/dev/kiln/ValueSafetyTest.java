package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kiln.wire.EnumValue;
import dev.kiln.wire.RecordValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a worker sends never makes the host load or run a class it names. */
class ValueSafetyTest {
    /** A host class with a visible side effect (in another class) if it were ever initialized. */
    static final class Tripwire {
        static {
            TripwireLog.initialized = true;
        }
    }

    static final class TripwireLog {
        static volatile boolean initialized;
    }

    @Test
    void namesOfNonRecordOrUnknownClassesStayText() {
        ClassLoader loader = ValueSafetyTest.class.getClassLoader();
        Object r = Replies.decode(new RecordValue(Tripwire.class.getName(), new Object[0], "pretend record"), loader);
        assertThat(r).isEqualTo(new RemoteValue(Tripwire.class.getName(), "pretend record"));
        Object e = Replies.decode(new EnumValue(Tripwire.class.getName(), "X"), loader);
        assertThat(e).isInstanceOf(RemoteValue.class);
        Object missing = Replies.decode(new RecordValue("no.such.Clazz", new Object[] {1}, "Clazz[v=1]"), loader);
        assertThat(missing).isEqualTo(new RemoteValue("no.such.Clazz", "Clazz[v=1]"));
        assertThat(TripwireLog.initialized)
                .as("looking the class up never initialized it")
                .isFalse();
    }

    @Test
    void hugeAndDeeplyNestedValuesAreHandled() {
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            String s = w.evalFetch("\"ab\".repeat(25_000_000)", String.class);
            assertThat(s).hasSize(50_000_000).startsWith("abab").endsWith("abab");

            Throwable tooBig = catchThrowable(() -> w.evalFetch("\"x\".repeat(300_000_000)"));
            assertThat(tooBig).isInstanceOf(RemoteException.class).hasMessageContaining("too large to send");
            assertThat(w.evalFetch("1 + 1")).isEqualTo(2);

            Object deep = w.evalFetch(
                    "List<Object> root = new ArrayList<>(); List<Object> cur = root;"
                            + " for (int i = 0; i < 10_000; i++) { List<Object> next = new ArrayList<>(); cur.add(next); cur = next; } root");
            int depth = 0;
            Object cur = deep;
            while (cur instanceof List<?> l && !l.isEmpty()) {
                cur = l.get(0);
                depth++;
            }
            assertThat(depth).isEqualTo(dev.kiln.wire.ValueCodec.MAX_VALUE_DEPTH);
            assertThat(cur).isInstanceOf(RemoteValue.class);
            assertThat(w.evalFetch("1 + 2")).isEqualTo(3);
        }
    }
}
