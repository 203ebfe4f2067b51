package dev.kiln.eval;

/**
 * A completion candidate from JShell's source analysis.
 *
 * @param anchor       the offset in the source where the continuation replaces text
 * @param continuation the text to insert there
 * @param matchesType  whether it fits the expected type at the cursor
 */
public record Suggestion(int anchor, String continuation, boolean matchesType) {}
