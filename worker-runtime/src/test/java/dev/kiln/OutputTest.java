package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Output is forwarded, kept apart by stream, both streams in the order written, before the call's result. */
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
    void alternatingPrintsArriveInTheOrderTheCodeWroteThem() {
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            List<OutputChunk> chunks = new CopyOnWriteArrayList<>();
            w.onOutput(chunks::add);
            w.callWait(() -> {
                System.out.println("out 1");
                System.err.println("err 2");
                System.out.println("out 3");
                System.err.println("err 4");
                System.out.println("out 5");
            });
            assertThat(merged(chunks))
                    .containsExactly(
                            new Piece(StreamKind.STDOUT, "out 1\n"),
                            new Piece(StreamKind.STDERR, "err 2\n"),
                            new Piece(StreamKind.STDOUT, "out 3\n"),
                            new Piece(StreamKind.STDERR, "err 4\n"),
                            new Piece(StreamKind.STDOUT, "out 5\n"));
        }
    }

    @Test
    void aFloodOnBothStreamsArrivesWholeAndInOrder() {
        int lines = 100_000;
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            List<OutputChunk> chunks = Collections.synchronizedList(new ArrayList<>());
            w.onOutput(chunks::add);
            w.callWait(() -> {
                for (int i = 0; i < lines; i++) {
                    System.out.println("out " + i);
                    System.err.println("err " + i);
                }
            });
            List<Piece> expected = new ArrayList<>();
            for (int i = 0; i < lines; i++) {
                expected.add(new Piece(StreamKind.STDOUT, "out " + i + "\n"));
                expected.add(new Piece(StreamKind.STDERR, "err " + i + "\n"));
            }
            List<Piece> actual = merged(chunks);
            int firstDifference = 0;
            while (firstDifference < Math.min(actual.size(), expected.size())
                    && actual.get(firstDifference).equals(expected.get(firstDifference))) {
                firstDifference++;
            }
            assertThat(firstDifference)
                    .as(
                            "pieces in write order; first difference at %d: %s",
                            firstDifference,
                            firstDifference < actual.size() ? actual.get(firstDifference) : "(none: output ended)")
                    .isEqualTo(expected.size());
            assertThat(actual).hasSameSizeAs(expected);
        }
    }

    /** A run of text on one stream. */
    record Piece(StreamKind stream, String text) {}

    /** Chunks with consecutive pieces of one stream joined (where a chunk ends within a run is not promised). */
    private static List<Piece> merged(List<OutputChunk> chunks) {
        List<Piece> out = new ArrayList<>();
        for (OutputChunk c : chunks) {
            int last = out.size() - 1;
            if (last >= 0 && out.get(last).stream() == c.stream()) {
                out.set(last, new Piece(c.stream(), out.get(last).text() + c.text()));
            } else {
                out.add(new Piece(c.stream(), c.text()));
            }
        }
        return out;
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
