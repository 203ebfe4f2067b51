package dev.kiln.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.StreamKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The capped, batched output buffer, with a hand-cranked UI thread. */
class OutputBufferTest {
    /** Collects posted flushes; run() plays the UI thread. */
    private static final class ManualUi implements Ui {
        final List<Runnable> posted = new ArrayList<>();

        @Override
        public void post(Runnable r) {
            posted.add(r);
        }

        void run() {
            List<Runnable> now = new ArrayList<>(posted);
            posted.clear();
            now.forEach(Runnable::run);
        }
    }

    private static List<String> texts(OutputBuffer b) {
        return b.lines().stream().map(OutputLine::text).toList();
    }

    @Test
    void chunksBecomeLinesAndStderrIsMarked() {
        ManualUi ui = new ManualUi();
        OutputBuffer b = new OutputBuffer(100, ui);
        b.accept(StreamKind.STDOUT, "a\nb");
        b.accept(StreamKind.STDOUT, "c\r\n");
        b.accept(StreamKind.STDERR, "boom\n");
        ui.run();
        assertThat(texts(b)).containsExactly("a", "bc", "boom");
        assertThat(b.lines().get(2).isError()).isTrue();
        assertThat(b.lines().get(0).isError()).isFalse();
    }

    @Test
    void manyChunksCostOneFlush() {
        ManualUi ui = new ManualUi();
        OutputBuffer b = new OutputBuffer(100, ui);
        for (int i = 0; i < 50; i++) {
            b.accept(StreamKind.STDOUT, "line " + i + "\n");
        }
        assertThat(ui.posted).hasSize(1);
        ui.run();
        assertThat(b.lines()).hasSize(50);
    }

    @Test
    void capKeepsTheNewestLinesAndCountsTheDropped() {
        ManualUi ui = new ManualUi();
        OutputBuffer b = new OutputBuffer(10, ui);
        for (int i = 0; i < 25; i++) {
            b.accept(StreamKind.STDOUT, "l" + i + "\n");
        }
        ui.run();
        for (int i = 25; i < 30; i++) {
            b.accept(StreamKind.STDOUT, "l" + i + "\n");
        }
        ui.run();
        assertThat(texts(b)).containsExactly("l20", "l21", "l22", "l23", "l24", "l25", "l26", "l27", "l28", "l29");
        assertThat(b.droppedLines().get()).isEqualTo(20);
    }

    @Test
    void pendingBatchIsBoundedEvenIfTheUiNeverRuns() {
        ManualUi ui = new ManualUi();
        OutputBuffer b = new OutputBuffer(1000, ui);
        StringBuilder chunk = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            chunk.append("line ").append(i).append('\n');
            if (chunk.length() > 8000) {
                b.accept(StreamKind.STDOUT, chunk.toString());
                chunk.setLength(0);
            }
        }
        b.accept(StreamKind.STDOUT, chunk.toString());
        ui.run();
        assertThat(b.lines()).hasSize(1000);
        assertThat(b.lines().get(999).text()).isEqualTo("line 199999");
        assertThat(b.droppedLines().get()).isEqualTo(199_000);
    }

    @Test
    void oneChunkLongerThanTheCapKeepsItsLastLinesAndCountsEveryOtherOne() {
        ManualUi ui = new ManualUi();
        OutputBuffer b = new OutputBuffer(5, ui);
        b.accept(StreamKind.STDOUT, "open ");
        ui.run();
        StringBuilder chunk = new StringBuilder("ended\r\n");
        for (int i = 0; i < 12; i++) {
            chunk.append("line ").append(i).append("\r\n");
        }
        b.accept(StreamKind.STDOUT, chunk + "tail");
        ui.run();
        assertThat(texts(b)).containsExactly("line 8", "line 9", "line 10", "line 11", "tail");
        // "open ended" replaced the shown open line and then went; the other 8 lines are counted.
        assertThat(b.droppedLines().get()).isEqualTo(9);
    }

    @Test
    void anUnfinishedLineIsShownAndCompletedInPlace() {
        ManualUi ui = new ManualUi();
        OutputBuffer b = new OutputBuffer(100, ui);
        b.accept(StreamKind.STDOUT, "progress: 1");
        ui.run();
        assertThat(b.lines()).containsExactly(new OutputLine(StreamKind.STDOUT, "progress: 1", true));
        b.accept(StreamKind.STDERR, "warn\n");
        b.accept(StreamKind.STDOUT, "0%");
        ui.run();
        b.accept(StreamKind.STDOUT, " done\nnext\n");
        ui.run();
        assertThat(texts(b)).containsExactly("warn", "progress: 10% done", "next");
        assertThat(b.lines()).noneMatch(OutputLine::open);
        assertThat(b.droppedLines().get()).isZero();
    }

    @Test
    void clearEmptiesLinesAndCount() {
        ManualUi ui = new ManualUi();
        OutputBuffer b = new OutputBuffer(2, ui);
        b.accept(StreamKind.STDOUT, "1\n2\n3\n");
        ui.run();
        b.clear();
        assertThat(b.lines()).isEmpty();
        assertThat(b.droppedLines().get()).isZero();
    }
}
