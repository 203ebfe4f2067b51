package dev.kiln.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.Completion;
import dev.kiln.app.editor.Candidates.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandidatesTest {
    private static final String TEXT = "Math.";

    @Test
    void anOverloadedNameIsOfferedOnceAndFitsIfAnyOverloadFits() {
        List<Candidate> c = Candidates.distinct(List.of(
                new Completion(5, "abs(", false),
                new Completion(5, "abs(", true),
                new Completion(5, "abs(", false),
                new Completion(5, "acos(", false),
                new Completion(5, "PI", false)));
        assertThat(c).extracting(Candidate::text).containsExactly("abs(", "acos(", "PI");
        assertThat(c.get(0).matchesType()).isTrue();
    }

    @Test
    void typingNarrowsToTheNamesThatStartSoCaseMatchesFirst() {
        List<Candidate> all = Candidates.distinct(List.of(
                new Completion(5, "max(", false),
                new Completion(5, "min(", false),
                new Completion(5, "MAX_VALUE", false),
                new Completion(5, "sqrt(", false)));
        assertThat(Candidates.narrow(all, a -> Candidates.typed("Math.ma", a, 7)))
                .extracting(Candidate::text)
                .containsExactly("max(", "MAX_VALUE");
        assertThat(Candidates.narrow(all, a -> Candidates.typed("Math.", a, 5))).hasSize(4);
        assertThat(Candidates.narrow(all, a -> Candidates.typed("Math.zz", a, 7)))
                .isEmpty();
    }

    @Test
    void theCaretLeavesTheWordBeforeTheAnchorOrPastAPunctuationMark() {
        assertThat(Candidates.typed(TEXT + "ma", 5, 7)).isEqualTo("ma");
        assertThat(Candidates.typed(TEXT, 5, 4)).isNull();
        assertThat(Candidates.typed(TEXT + "max(", 5, 9)).isNull();
        assertThat(Candidates.typed(TEXT + "m x", 5, 8)).isNull();
    }
}
