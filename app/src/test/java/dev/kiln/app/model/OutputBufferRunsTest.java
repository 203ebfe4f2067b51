package dev.kiln.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.StreamKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workbench's own lines in a worker's output: each run's separator, and the echo of typed input. */
class OutputBufferRunsTest {
    private final List<Runnable> posted = new ArrayList<>();
    private final OutputBuffer buffer = new OutputBuffer(100, posted::add);

    private void flush() {
        List<Runnable> now = new ArrayList<>(posted);
        posted.clear();
        now.forEach(Runnable::run);
    }

    private static OutputLine out(String text) {
        return new OutputLine(StreamKind.STDOUT, text, false);
    }

    private static OutputLine mark(String text) {
        return new OutputLine(StreamKind.STDOUT, text, false, true);
    }

    @Test
    void aRunsSeparatorStandsBeforeItsFirstTextAndARunThatPrintsNothingLeavesNone() {
        buffer.separate("— run 1 —");
        buffer.accept(StreamKind.STDOUT, "one\n");
        buffer.separate("— run 2 —"); // prints nothing
        buffer.separate("— run 3 —");
        buffer.accept(StreamKind.STDERR, "three\n");
        flush();
        assertThat(buffer.lines())
                .containsExactly(
                        mark("— run 1 —"),
                        out("one"),
                        mark("— run 3 —"),
                        new OutputLine(StreamKind.STDERR, "three", false));
    }

    @Test
    void aLineLeftOpenByARunEndsAtTheNextRunsSeparator() {
        buffer.separate("— run 1 —");
        buffer.accept(StreamKind.STDOUT, "no line break");
        flush(); // shown, still open
        assertThat(buffer.lines().get(1).open()).isTrue();
        buffer.separate("— run 2 —");
        buffer.accept(StreamKind.STDOUT, "next\n");
        flush();
        assertThat(buffer.lines())
                .containsExactly(mark("— run 1 —"), out("no line break"), mark("— run 2 —"), out("next"));
    }

    @Test
    void anOpenLineEndsAtTheSeparatorEvenBeforeItWasShown() {
        buffer.accept(StreamKind.STDOUT, "half");
        buffer.separate("— run 2 —");
        buffer.accept(StreamKind.STDOUT, "whole\n");
        flush();
        assertThat(buffer.lines()).containsExactly(out("half"), mark("— run 2 —"), out("whole"));
    }

    @Test
    void typedInputEndsThePromptLineAndIsMarkedAsInput() {
        buffer.separate("— run 1 —");
        buffer.accept(StreamKind.STDOUT, "Name: ");
        flush(); // the prompt is shown, open
        buffer.input("Ada");
        buffer.accept(StreamKind.STDOUT, "Hello, Ada\n");
        flush();
        assertThat(buffer.lines())
                .containsExactly(
                        mark("— run 1 —"),
                        new OutputLine(StreamKind.STDOUT, "Name: Ada", false, false, 6),
                        out("Hello, Ada"));
        assertThat(buffer.lines().get(1).hasInput()).isTrue();
    }

    @Test
    void inputAfterAPromptNotYetShownAndInputWithoutAPrompt() {
        buffer.accept(StreamKind.STDOUT, "Age? ");
        buffer.input("42");
        buffer.input("7");
        buffer.accept(StreamKind.STDERR, "warn");
        buffer.input("x");
        flush();
        assertThat(buffer.lines())
                .containsExactly(
                        new OutputLine(StreamKind.STDOUT, "Age? 42", false, false, 5),
                        new OutputLine(StreamKind.STDOUT, "7", false, false, 0),
                        new OutputLine(StreamKind.STDERR, "warn", false),
                        new OutputLine(StreamKind.STDOUT, "x", false, false, 0));
    }

    @Test
    void aRunsFirstTypedLineComesUnderItsSeparator() {
        buffer.separate("— run 1 —");
        buffer.input("typed ahead");
        flush();
        assertThat(buffer.lines())
                .containsExactly(mark("— run 1 —"), new OutputLine(StreamKind.STDOUT, "typed ahead", false, false, 0));
    }
}
