package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.wire.ValueCodec;
import org.junit.jupiter.api.Test;

/**
 * Values nested deeper than the data limit become text, whatever they are made of: a chain of
 * records (two wire levels each) as much as a chain of lists. None of them fails to arrive.
 */
class DeepValuesTest {
    /** A record the host has: a call's result can be rebuilt as it. */
    record Link(int depth, Object next) {}

    static Object chain(int n) {
        Object cur = null;
        for (int i = 0; i < n; i++) {
            cur = new Link(i, cur);
        }
        return cur;
    }

    @Test
    void recordChainsDeeperThanTheLimitArriveWithTheirTailAsText() {
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            int n = 3 * ValueCodec.MAX_VALUE_DEPTH;
            Object fromCall = w.callFetch(() -> chain(n));
            int levels = 0;
            Object cur = fromCall;
            while (cur instanceof Link l) {
                cur = l.next();
                levels++;
            }
            assertThat(levels).isPositive().isLessThanOrEqualTo(ValueCodec.MAX_VALUE_DEPTH);
            assertThat(cur).as("the part deeper than the limit").isInstanceOf(RemoteValue.class);

            Object fromSnippet = w.evalFetch("record Node(Object next) {}" + " Object n = null; for (int i = 0; i < "
                    + n + "; i++) n = new Node(n); n");
            assertThat(fromSnippet).isInstanceOf(RemoteValue.class);
            assertThat(((RemoteValue) fromSnippet).text()).startsWith("Node[next=Node[next=");
            assertThat(w.evalFetch("1 + 1")).isEqualTo(2);
        }
    }
}
