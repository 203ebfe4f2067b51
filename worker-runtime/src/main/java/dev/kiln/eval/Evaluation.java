package dev.kiln.eval;

import java.time.Duration;

/**
 * What an evaluation produced.
 *
 * @param source    the evaluated source
 * @param value     the last snippet's value, as data (null for a statement or declaration)
 * @param valueText jshell's text for that value
 * @param display   jshell's description of the last snippet ({@code x ==> 42}, {@code created method f()})
 * @param duration  from the start of compilation to the worker's reply
 */
public record Evaluation(String source, Object value, String valueText, String display, Duration duration) {}
