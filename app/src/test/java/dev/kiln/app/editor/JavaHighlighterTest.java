package dev.kiln.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;
import org.junit.jupiter.api.Test;

/** The highlighting function alone: no JavaFX toolkit. */
class JavaHighlighterTest {
    /** "text:style" for every styled span, in order. */
    private static List<String> styled(String text) {
        StyleSpans<Collection<String>> spans = JavaHighlighter.computeHighlighting(text);
        assertThat(spans.length()).as("spans cover the text exactly").isEqualTo(text.length());
        List<String> out = new ArrayList<>();
        int pos = 0;
        for (StyleSpan<Collection<String>> s : spans) {
            if (!s.getStyle().isEmpty()) {
                out.add(text.substring(pos, pos + s.getLength()) + ":" + String.join(",", s.getStyle()));
            }
            pos += s.getLength();
        }
        return out;
    }

    @Test
    void keywordsStringsNumbersAndPunctuation() {
        assertThat(styled("int x = 42; var s = \"if\";"))
                .containsExactly(
                        "int:keyword", "42:number", ";:semicolon", "var:keyword", "\"if\":string", ";:semicolon");
    }

    @Test
    void commentsHideKeywordsAndStringsHideComments() {
        assertThat(styled("// for while\nString u = \"http://x\";"))
                .containsExactly("// for while:comment", "\"http://x\":string", ";:semicolon");
        assertThat(styled("/* a\n b */ null")).containsExactly("/* a\n b */:comment", "null:keyword");
    }

    @Test
    void escapesCharsAnnotationsAndTextBlocks() {
        assertThat(styled("'\\'' @Override \"a\\\"b\""))
                .containsExactly("'\\'':char", "@Override:annotation", "\"a\\\"b\":string");
        assertThat(styled("\"\"\"\nhi\n\"\"\"")).containsExactly("\"\"\"\nhi\n\"\"\":string");
    }

    @Test
    void identifiersContainingKeywordsAreNotKeywords() {
        assertThat(styled("interesting format1 newValue")).isEmpty();
    }

    @Test
    void unterminatedCommentRunsToTheEndAndEmptyTextWorks() {
        assertThat(styled("x /* open")).containsExactly("/* open:comment");
        assertThat(JavaHighlighter.computeHighlighting("").length()).isZero();
    }

    @Test
    void longStringsAndCommentsDoNotOverflowTheStack() {
        String big = "\"" + "a\\n".repeat(50_000) + "\" /*" + "x\n".repeat(50_000) + "*/";
        assertThat(styled(big)).hasSize(2);
    }
}
