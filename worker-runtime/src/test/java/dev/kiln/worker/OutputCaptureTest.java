package dev.kiln.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.wire.Message;
import dev.kiln.wire.StdStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker's output capture, without a worker: order, batching, characters, the prompt. */
class OutputCaptureTest {
    private final List<Message.Output> sent = new ArrayList<>();
    private final OutputCapture capture = new OutputCapture(m -> {
        synchronized (sent) {
            sent.add((Message.Output) m);
        }
    });

    /** Everything sent, as "O:" / "E:" pieces, consecutive pieces of one stream joined. */
    private String sentText() {
        capture.flushAll();
        StringBuilder sb = new StringBuilder();
        StdStream last = null;
        synchronized (sent) {
            for (Message.Output o : sent) {
                for (int i = 0; i < o.streams().length; i++) {
                    if (o.streams()[i] != last) {
                        sb.append(o.streams()[i] == StdStream.STDOUT ? "|O:" : "|E:");
                        last = o.streams()[i];
                    }
                    sb.append(o.texts()[i]);
                }
            }
        }
        return sb.toString();
    }

    @Test
    void alternatingWritesKeepTheirOrderAndStillTravelInFewFrames() {
        PrintStream out = new PrintStream(capture.stream(StdStream.STDOUT), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(capture.stream(StdStream.STDERR), true, StandardCharsets.UTF_8);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            out.println("o" + i);
            err.println("e" + i);
            expected.append("|O:o").append(i).append("\n|E:e").append(i).append('\n');
        }
        assertThat(sentText()).isEqualTo(expected.toString());
        synchronized (sent) {
            assertThat(sent.size())
                    .as("40,000 pieces in batches, not a frame per write")
                    .isLessThan(1_000);
        }
    }

    @Test
    void aCharacterSplitAcrossWritesStaysWholeWhenTheOtherStreamWritesBetween() throws Exception {
        OutputStream out = capture.stream(StdStream.STDOUT);
        OutputStream err = capture.stream(StdStream.STDERR);
        byte[] check = "✓".getBytes(StandardCharsets.UTF_8);
        out.write('a');
        out.write(check, 0, 2);
        err.write('x');
        out.write(check, 2, 1);
        assertThat(sentText()).isEqualTo("|O:a|E:x|O:✓");
    }

    @Test
    void thePromptIsThePartialLineLastPrintedOnStdout() {
        PrintStream out = new PrintStream(capture.stream(StdStream.STDOUT), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(capture.stream(StdStream.STDERR), true, StandardCharsets.UTF_8);
        out.print("Welcome!\nName: ");
        err.print("a warning\n");
        assertThat(capture.takePrompt()).isEqualTo("Name: ");
        assertThat(capture.takePrompt()).as("taken once").isEmpty();
        out.print("x".repeat(1000) + "Größe? ");
        assertThat(capture.takePrompt())
                .as("the end of a long partial line")
                .endsWith("Größe? ")
                .hasSizeLessThanOrEqualTo(OutputCapture.MAX_PROMPT);
    }
}
