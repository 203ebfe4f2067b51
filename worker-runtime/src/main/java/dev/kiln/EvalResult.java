package dev.kiln;

import java.time.Duration;

/**
 * The outcome of one successful {@link Worker#evaluate(String)}.
 *
 * @param source    the source that was evaluated
 * @param value     the value of its last snippet, as data (see {@link Worker}); null for statements
 * @param valueText the value as jshell shows it ({@code 12.0}, {@code "hi"}, {@code int[3] { 1, 2, 3 }}), empty for none
 * @param display   what the jshell tool would print for the last snippet ({@code $1 ==> 12.0},
 *                  {@code x ==> 5}, {@code created method twice(int)}), empty for a plain statement
 * @param duration  wall time from the start of compilation to the result
 */
public record EvalResult(String source, Object value, String valueText, String display, Duration duration) {}
