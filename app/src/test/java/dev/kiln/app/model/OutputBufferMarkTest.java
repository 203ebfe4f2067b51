package dev.kiln.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.StreamKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workbench's own marker lines (a restart) between a worker's lines. */
class OutputBufferMarkTest {
    private final List<Runnable> posted = new ArrayList<>();
    private final OutputBuffer buffer = new OutputBuffer(100, posted::add);

    private void flush() {
        List<Runnable> now = new ArrayList<>(posted);
        posted.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void aMarkEndsTheOpenLineAndStandsOnItsOwn() {
        buffer.accept(StreamKind.STDOUT, "done\nprogress: 1");
        flush(); // "progress: 1" is shown, still open
        buffer.mark("— restarted 10:42:07 —");
        buffer.accept(StreamKind.STDOUT, "fresh\n");
        flush();
        assertThat(buffer.lines())
                .containsExactly(
                        new OutputLine(StreamKind.STDOUT, "done", false),
                        new OutputLine(StreamKind.STDOUT, "progress: 1", false),
                        new OutputLine(StreamKind.STDOUT, "— restarted 10:42:07 —", false, true),
                        new OutputLine(StreamKind.STDOUT, "fresh", false));
        assertThat(buffer.lines().get(2).isError()).isFalse();
    }

    @Test
    void textNotYetShownEndsBeforeTheMarkToo() {
        buffer.accept(StreamKind.STDERR, "half a li");
        buffer.mark("mark");
        flush();
        assertThat(buffer.lines())
                .containsExactly(
                        new OutputLine(StreamKind.STDERR, "half a li", false),
                        new OutputLine(StreamKind.STDOUT, "mark", false, true));
    }
}
