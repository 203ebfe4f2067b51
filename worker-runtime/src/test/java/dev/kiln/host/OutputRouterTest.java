package dev.kiln.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.wire.StdStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host's echo of a worker's output: whole lines with the worker's prefix, nothing held back without bound. */
class OutputRouterTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final OutputRouter router =
            new OutputRouter(true, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

    private List<String> echoed() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void completeLinesAreEchoedWithThePrefixAndPartialOnesWaitForTheirEnd() {
        router.setPrefix("w", 7);
        router.acceptRaw(StdStream.STDOUT, "one\ntw");
        router.acceptRaw(StdStream.STDOUT, "o\nthr");
        assertThat(echoed()).containsExactly("[w 7] one", "[w 7] two");
        router.flushEcho();
        assertThat(echoed()).containsExactly("[w 7] one", "[w 7] two", "[w 7] thr");
    }

    @Test
    void aLineWithoutEndIsEchoedInMarkedPiecesNotHeldWhole() {
        router.setPrefix("w", 7);
        String chunk = "x".repeat(8 * 1024);
        int chunks = 10 * 1024 * 1024 / chunk.length(); // 10 MB printed without a newline
        for (int i = 0; i < chunks; i++) {
            router.acceptRaw(StdStream.STDOUT, chunk);
        }
        List<String> lines = echoed();
        int pieces = 10 * 1024 * 1024 / OutputRouter.MAX_PENDING_LINE;
        assertThat(lines.size()).as("pieces echoed while the line goes on").isEqualTo(pieces - 1);
        assertThat(lines.stream()
                        .allMatch(l ->
                                l.startsWith("[w 7] x") && l.endsWith("[line split: longer than 65536 characters]")))
                .isTrue();
        router.flushEcho(); // the worker exits: the rest of the line
        long echoedX = echoed().stream()
                .mapToLong(l -> l.chars().filter(c -> c == 'x').count())
                .sum();
        assertThat(echoedX).as("nothing lost").isEqualTo(10L * 1024 * 1024);
    }
}
