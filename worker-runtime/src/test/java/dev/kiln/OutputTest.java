package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Output is forwarded, kept apart by stream, in order, before the call's result. */
class OutputTest {
    @Test
    void outputArrivesBeforeTheResultWithStreamsApart() {
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            List<OutputChunk> chunks = new CopyOnWriteArrayList<>();
            w.onOutput(chunks::add);
            w.callWait(() -> {
                for (int i = 0; i < 100; i++) {
                    System.out.println("out " + i);
                    System.err.println("err " + i);
                }
                System.out.print("no newline é✓");
            });
            String out = join(chunks, StreamKind.STDOUT);
            String err = join(chunks, StreamKind.STDERR);
            StringBuilder expectedOut = new StringBuilder();
            StringBuilder expectedErr = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                // println writes the worker's line separator: the host's too (same OS), \r\n on Windows
                expectedOut.append("out ").append(i).append(System.lineSeparator());
                expectedErr.append("err ").append(i).append(System.lineSeparator());
            }
            expectedOut.append("no newline é✓");
            assertThat(out).isEqualTo(expectedOut.toString());
            assertThat(err).isEqualTo(expectedErr.toString());
        }
    }

    @Test
    void echoPrefixesLinesWithNameAndPid() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        long pid;
        try (Worker w = Worker.start(WorkerSpec.builder().name("echoer").build())) {
            pid = w.pid();
            w.callWait(() -> System.out.println("hello from the worker"));
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("[echoer " + pid + "] hello from the worker" + System.lineSeparator());
    }

    private static String join(List<OutputChunk> chunks, StreamKind kind) {
        return chunks.stream()
                .filter(c -> c.stream() == kind)
                .map(OutputChunk::text)
                .collect(Collectors.joining());
    }
}
