package dev.kiln.app.editor;

import dev.kiln.Completion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Completion candidates as the popup offers them: each name once (JShell lists an overloaded
 * method once per overload), in JShell's order, narrowed by what the user has typed since the
 * candidates' anchor. Pure, so the rules are tested without a window.
 */
public final class Candidates {
    private Candidates() {}

    /** One name to offer: {@code text} replaces the editor's text from {@code anchor} to the caret. */
    public record Candidate(int anchor, String text, boolean matchesType) {}

    /** Each continuation once, at its first place; it fits the expected type if any of its overloads does. */
    public static List<Candidate> distinct(List<Completion> all) {
        Map<String, Candidate> byText = new LinkedHashMap<>();
        for (Completion c : all) {
            byText.merge(
                    c.continuation(),
                    new Candidate(c.anchor(), c.continuation(), c.matchesType()),
                    (a, b) -> new Candidate(a.anchor(), a.text(), a.matchesType() || b.matchesType()));
        }
        return List.copyOf(byText.values());
    }

    /**
     * The candidates that start with what was typed since their anchor ({@code typedFrom} gives
     * that text for an anchor): those matching in case first, then those matching ignoring case.
     */
    public static List<Candidate> narrow(List<Candidate> all, java.util.function.IntFunction<String> typedFrom) {
        List<Candidate> exact = new ArrayList<>();
        List<Candidate> loose = new ArrayList<>();
        for (Candidate c : all) {
            String typed = typedFrom.apply(c.anchor());
            if (typed == null) {
                continue;
            }
            if (c.text().startsWith(typed)) {
                exact.add(c);
            } else if (c.text().regionMatches(true, 0, typed, 0, typed.length())) {
                loose.add(c);
            }
        }
        exact.addAll(loose);
        return exact;
    }

    /**
     * What was typed from {@code anchor} to {@code caret} in {@code text}, or null when the caret
     * has left the word being completed (before the anchor, or past a character that cannot be
     * part of a Java name).
     */
    public static String typed(String text, int anchor, int caret) {
        if (anchor < 0 || caret < anchor || caret > text.length()) {
            return null;
        }
        for (int i = anchor; i < caret; i++) {
            if (!Character.isJavaIdentifierPart(text.charAt(i))) {
                return null;
            }
        }
        return text.substring(anchor, caret);
    }
}
