package dev.kiln;

/**
 * A completion candidate for a source and cursor, from JShell's source analysis with the
 * worker's own declarations in scope.
 *
 * @param anchor       where the replaced text starts, as an offset in the source given
 * @param continuation the text to put from {@code anchor} to the cursor (e.g. {@code sqrt(})
 * @param matchesType  whether the candidate fits the type expected at the cursor
 */
public record Completion(int anchor, String continuation, boolean matchesType) {}
