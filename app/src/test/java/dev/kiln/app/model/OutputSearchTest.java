package dev.kiln.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.StreamKind;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** Finding text in the output: occurrences ignoring case, "k of n", stepping, following the lines as they change. */
class OutputSearchTest {
    private final List<Runnable> posted = new ArrayList<>();
    private final OutputSearch search = new OutputSearch(posted::add);
    private final ObservableList<OutputLine> lines = FXCollections.observableArrayList();

    private void flush() {
        List<Runnable> now = new ArrayList<>(posted);
        posted.clear();
        now.forEach(Runnable::run);
    }

    private static OutputLine line(String text) {
        return new OutputLine(StreamKind.STDOUT, text, false);
    }

    private String status() {
        return search.statusProperty().get();
    }

    @Test
    void occurrencesIgnoreCaseAndNeverOverlap() {
        assertThat(OutputSearch.occurrences("Kiln kiln KILN", "kiln"))
                .containsExactly(
                        new OutputSearch.Range(0, 4), new OutputSearch.Range(5, 9), new OutputSearch.Range(10, 14));
        assertThat(OutputSearch.occurrences("aaaa", "aa"))
                .containsExactly(new OutputSearch.Range(0, 2), new OutputSearch.Range(2, 4));
        assertThat(OutputSearch.occurrences("abc", "")).isEmpty();
        assertThat(OutputSearch.occurrences("ab", "abc")).isEmpty();
    }

    @Test
    void countsStepsBothWaysAndWrapsAround() {
        lines.setAll(line("one match"), line("no"), line("Match, match"), line("MATCH"));
        search.setLines(lines);
        assertThat(status()).isEmpty();
        search.find("match", 0);
        assertThat(status()).isEqualTo("1 of 4");
        assertThat(search.currentProperty().get()).isEqualTo(new OutputSearch.Match(0, 4, 9));
        search.next();
        assertThat(status()).isEqualTo("2 of 4");
        assertThat(search.isCurrent(2, 0)).isTrue();
        search.next();
        search.next();
        assertThat(status()).isEqualTo("4 of 4");
        search.next();
        assertThat(status()).as("after the last, the first").isEqualTo("1 of 4");
        search.previous();
        assertThat(status()).as("before the first, the last").isEqualTo("4 of 4");
        search.find("zzz", 0);
        assertThat(status()).isEqualTo("not found");
        assertThat(search.next()).isNull();
        search.find("", 0);
        assertThat(status()).isEmpty();
    }

    @Test
    void aNewSearchStartsAtTheFirstLineOnScreen() {
        lines.setAll(line("x 0"), line("x 1"), line("x 2"), line("x 3"));
        search.setLines(lines);
        search.find("x", 2);
        assertThat(status()).isEqualTo("3 of 4");
        search.find("x", 10);
        assertThat(status()).as("nothing below: the first").isEqualTo("1 of 4");
    }

    @Test
    void theCurrentMatchStaysOnItsLineAsLinesComeAndGo() {
        lines.setAll(line("x 0"), line("x 1"), line("x 2"));
        search.setLines(lines);
        search.find("x", 0);
        search.next(); // on "x 1"
        lines.add(line("x 3"));
        lines.remove(0); // the cap drops the oldest
        flush();
        assertThat(status()).isEqualTo("1 of 3");
        assertThat(lines.get(search.currentProperty().get().line()).text()).isEqualTo("x 1");
        lines.remove(0); // now its own line goes
        flush();
        assertThat(status()).isEqualTo("1 of 2");
    }

    @Test
    void anotherWorkersLinesAreSearchedForTheSameText() {
        lines.setAll(line("a"), line("b"));
        search.setLines(lines);
        search.find("b", 0);
        assertThat(status()).isEqualTo("1 of 1");
        ObservableList<OutputLine> other = FXCollections.observableArrayList(line("b"), line("b b"));
        search.setLines(other);
        assertThat(status()).isEqualTo("1 of 3");
        lines.add(line("b")); // the old list no longer counts
        flush();
        assertThat(status()).isEqualTo("1 of 3");
    }
}
